"""Where the ontology, shapes, stored queries and sample articles live.

This is the only module that knows the on-disk layout.  In a source checkout the folders
sit beside the package (``<repo>/ontology``); an installed wheel carries them inside the
package (``kg/_resources/ontology``, see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent

RESOURCE_NAMES = ("ontology", "shapes", "queries", "rules", "examples/articles")


class ResourceNotFound(FileNotFoundError):
    """A bundled resource folder is missing: the installation is broken."""


def resource_dir(name: str) -> Path:
    """Return the folder of the bundled resource *name* (one of `RESOURCE_NAMES`).

    >>> resource_dir("ontology").is_dir()
    True
    """
    if name not in RESOURCE_NAMES:
        raise ValueError(f"unknown resource {name!r}; expected one of {', '.join(RESOURCE_NAMES)}")
    for candidate in (_PACKAGE / "_resources" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise ResourceNotFound(
        f"the {name!r} folder is neither in {_PACKAGE / '_resources'} (installed wheel) nor in "
        f"{_PACKAGE.parent} (source checkout); reinstall evidence-kg"
    )


def ontology_dir() -> Path:
    return resource_dir("ontology")


def ontology_file() -> Path:
    """The ontology, OWL 2 in Turtle."""
    return ontology_dir() / "evidence-kg.ttl"


def shapes_dir() -> Path:
    return resource_dir("shapes")


def shapes_files() -> list[Path]:
    """Every SHACL shapes file, in a stable order."""
    return sorted(shapes_dir().glob("*.ttl"))


def queries_dir() -> Path:
    return resource_dir("queries")


def rules_dir() -> Path:
    return resource_dir("rules")


def rules_files() -> list[Path]:
    """The derivation and grading rules (SPARQL CONSTRUCT), in the order they run."""
    return sorted(rules_dir().glob("*.rq"))


def sample_articles_dir() -> Path:
    """The five seed news articles bundled as sample data, with their MANIFEST.json."""
    return resource_dir("examples/articles")
