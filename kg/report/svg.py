"""The dossier's pictures, drawn from the data as SVG (no map tiles, no script): a timeline of
incidents, a map of the places with coordinates, and one incident's graph of sources ->
claims -> incident.  Numbers are written with fixed precision, so the same data gives the
same bytes.

>>> nice_step(7.3)
2.0
>>> days("2016-03-01") - days("2016-02-01")
29
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Sequence


def num(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def days(iso: str) -> int:
    """Days since 1970-01-01 of a date written YYYY-MM-DD."""
    return (date.fromisoformat(iso) - date(1970, 1, 1)).days


def nice_step(span: float, target: int = 5) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about *target* ticks on *span*."""
    raw = max(span, 1e-9) / target
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if raw <= m * power:
            return float(m * power)
    return float(10 * power)  # pragma: no cover


def _text(x: float, y: float, s: str, cls: str = "", anchor: str = "start") -> str:
    c = f' class="{cls}"' if cls else ""
    a = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{num(x)}" y="{num(y)}"{c}{a}>{escape(s)}</text>'


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[:n - 1].rstrip() + "…"


# --- timeline --------------------------------------------------------------------------------
@dataclass
class Span:
    """One incident on the timeline."""

    label: str
    href: str
    earliest: str          # YYYY-MM-DD
    latest: str
    kind: str = ""         # a CSS class: "contested" when denied


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _ticks(lo: int, hi: int, most: int = 12) -> list[tuple[int, str]]:
    """Month starts (or year starts, for spans over three years) between *lo* and *hi*, at
    most *most* of them (every second, third... month when there are more)."""
    first, last = date.fromordinal(lo + 719163), date.fromordinal(hi + 719163)
    yearly = (last - first).days > 3 * 366
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        d = days(f"{y:04d}-{m:02d}-01")
        if lo <= d <= hi and (not yearly or m == 1):
            out.append((d, str(y) if yearly else f"{MONTHS[m - 1]} {y}"))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if len(out) > most:
        out = out[::math.ceil(len(out) / most)]
    return out


def timeline(spans: Sequence[Span], width: int = 960) -> str:
    """Incidents as marks on a time axis: a dot for a day, a bar for a longer window."""
    if not spans:
        return ""
    label_w, row_h, top = 330, 24, 34
    lo = min(days(s.earliest) for s in spans)
    hi = max(days(s.latest) for s in spans)
    pad = max(10, (hi - lo) // 20)
    lo, hi = lo - pad, hi + pad
    plot_w = width - label_w - 20
    height = top + row_h * len(spans) + 16

    def x(d: int) -> float:
        return label_w + plot_w * (d - lo) / (hi - lo)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Timeline of {len(spans)} incidents">']
    for d, label in _ticks(lo, hi, max(2, plot_w // 75)):
        out.append(f'<line class="tick" x1="{num(x(d))}" y1="{top - 12}" x2="{num(x(d))}" '
                   f'y2="{height - 8}"/>')
        out.append(_text(x(d) + 3, top - 16, label, "tick-label"))
    for i, s in enumerate(spans):
        y = top + row_h * i + row_h / 2
        a, b = days(s.earliest), days(s.latest)
        cls = f"mark {s.kind}".strip()
        out.append(f'<a href="{escape(s.href)}">')
        out.append(_text(label_w - 10, y + 4, _cut(s.label, 48), "row-label", "end"))
        if b - a < 1:
            out.append(f'<circle class="{cls}" cx="{num(x(a))}" cy="{num(y)}" r="6"/>')
        else:
            w = max(6.0, x(b + 1) - x(a))
            out.append(f'<rect class="{cls}" x="{num(x(a))}" y="{num(y - 6)}" width="{num(w)}" '
                       f'height="12" rx="4"/>')
        out.append(f'<title>{escape(s.label)}: {s.earliest}'
                   + (f' to {s.latest}' if s.latest != s.earliest else '') + '</title></a>')
    out.append("</svg>")
    return "\n".join(out)


# --- map ---------------------------------------------------------------------------------------
@dataclass
class Spot:
    """One place on the map."""

    label: str
    href: str
    latitude: float
    longitude: float
    count: int            # incidents there
    approximate: bool     # drawn at the place it is within


def map_svg(spots: Sequence[Spot], width: int = 860) -> str:
    """Places at their coordinates (equirectangular, scaled for the middle latitude), with a
    labelled grid of meridians and parallels; a dot's area grows with its incidents."""
    if not spots:
        return ""
    spots = _together(spots)
    lat0, lat1 = min(s.latitude for s in spots), max(s.latitude for s in spots)
    lon0, lon1 = min(s.longitude for s in spots), max(s.longitude for s in spots)
    pad = max(0.5, 0.15 * max(lat1 - lat0, lon1 - lon0))
    lat0, lat1, lon0, lon1 = lat0 - pad, lat1 + pad, lon0 - pad, lon1 + pad
    k = math.cos(math.radians((lat0 + lat1) / 2))
    scale = (width - 80) / ((lon1 - lon0) * k)
    height = int(min(700, max(320, (lat1 - lat0) * scale + 60)))
    cx, cy = width / 2, height / 2
    mid_lon, mid_lat = (lon0 + lon1) / 2, (lat0 + lat1) / 2
    scale = min(scale, (height - 60) / (lat1 - lat0))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return cx + (lon - mid_lon) * k * scale, cy - (lat - mid_lat) * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="map" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Map of {len(spots)} places">',
           f'<rect class="sea" x="0" y="0" width="{width}" height="{height}"/>']
    step = nice_step(max(lat1 - lat0, lon1 - lon0))
    out.extend(_grid(lat0, lat1, lon0, lon1, step, xy, width, height))
    for s in sorted(spots, key=lambda s: (-s.count, s.label)):
        x, y = xy(s.latitude, s.longitude)
        r = 5 + 3 * math.sqrt(max(s.count, 1) - 1)
        cls = "spot approximate" if s.approximate else "spot"
        out.append(f'<a href="{escape(s.href)}"><circle class="{cls}" cx="{num(x)}" '
                   f'cy="{num(y)}" r="{num(r)}"/>'
                   + _text(x + r + 3, y + 4, s.label, "spot-label")
                   + f'<title>{escape(s.label)}: {s.count} incident(s)</title></a>')
    out.append("</svg>")
    return "\n".join(out)


def _together(spots: Sequence[Spot]) -> list[Spot]:
    """Places drawn at one point (a place at the place it is within) as one dot."""
    at: dict[tuple[float, float], list[Spot]] = {}
    for s in spots:
        at.setdefault((round(s.latitude, 4), round(s.longitude, 4)), []).append(s)
    out = []
    for group in at.values():
        group = sorted(group, key=lambda s: (s.approximate, s.label))
        out.append(Spot(", ".join(s.label for s in group), group[0].href, group[0].latitude,
                        group[0].longitude, sum(s.count for s in group),
                        all(s.approximate for s in group)))
    return out


def _grid(lat0, lat1, lon0, lon1, step, xy, width, height) -> list[str]:
    out = []
    v = math.ceil(lon0 / step) * step
    while v <= lon1:
        x, _ = xy(lat0, v)
        out.append(f'<line class="grid" x1="{num(x)}" y1="0" x2="{num(x)}" y2="{height}"/>')
        out.append(_text(x + 3, height - 6, f"{_deg(v)}°{'E' if v >= 0 else 'W'}", "grid-label"))
        v += step
    v = math.ceil(lat0 / step) * step
    while v <= lat1:
        _, y = xy(v, lon0)
        out.append(f'<line class="grid" x1="0" y1="{num(y)}" x2="{width}" y2="{num(y)}"/>')
        out.append(_text(4, y - 3, f"{_deg(v)}°{'N' if v >= 0 else 'S'}", "grid-label"))
        v += step
    return out


def _deg(v: float) -> str:
    v = abs(round(v, 6))
    return f"{v:g}"


# --- one incident's graph ----------------------------------------------------------------------
@dataclass
class Node:
    key: str
    label: str
    href: str
    kind: str            # CSS class: source, allegation, denial, incident
    title: str = ""


def incident_graph(sources: Sequence[Node], claims: Sequence[Node], incident: Node,
                   edges: Sequence[tuple[str, str, str]], width: int = 960) -> str:
    """Three columns: sources, their claims, the incident.  *edges* are (from key, to key,
    kind): ``made`` (source -> claim), ``concerns`` (claim -> incident), ``denies`` (denial ->
    allegation, drawn as an arc beside the claims)."""
    box_w, box_h, gap, top = 230, 30, 10, 30
    cols = [20, 320, width - box_w - 20]
    rows = max(len(sources), len(claims), 1)
    height = top + rows * (box_h + gap) + 20
    pos: dict[str, tuple[float, float]] = {}
    for col, nodes in ((0, sources), (1, claims)):
        for i, n in enumerate(nodes):
            pos[n.key] = (cols[col], top + i * (box_h + gap))
    pos[incident.key] = (cols[2], top + (rows - 1) * (box_h + gap) / 2)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Sources, their claims and the incident">',
           _text(cols[0], 18, "Sources", "col-label"), _text(cols[1], 18, "Claims", "col-label"),
           _text(cols[2], 18, "Incident", "col-label")]
    for a, b, kind in edges:
        if a in pos and b in pos:
            out.append(_edge(pos[a], pos[b], kind, box_w, box_h))
    for n in (*sources, *claims, incident):
        x, y = pos[n.key]
        out.append(f'<a href="{escape(n.href)}"><rect class="node {n.kind}" x="{num(x)}" '
                   f'y="{num(y)}" width="{box_w}" height="{box_h}" rx="5"/>'
                   + _text(x + 8, y + 19, _cut(n.label, 32), "node-label")
                   + f'<title>{escape(n.title or n.label)}</title></a>')
    out.append("</svg>")
    return "\n".join(out)


def _edge(a: tuple[float, float], b: tuple[float, float], kind: str, w: int, h: int) -> str:
    if kind == "denies":   # an arc on the right of the claims column
        x = a[0] + w
        y1, y2 = a[1] + h / 2, b[1] + h / 2
        bulge = x + 16 + min(50.0, abs(y2 - y1) / 5)
        return (f'<path class="edge denies" d="M{num(x)},{num(y1)} C{num(bulge)},{num(y1)} '
                f'{num(bulge)},{num(y2)} {num(x)},{num(y2)}"/>')
    x1, y1 = a[0] + w, a[1] + h / 2
    x2, y2 = b[0], b[1] + h / 2
    mx = (x1 + x2) / 2
    return (f'<path class="edge {kind}" d="M{num(x1)},{num(y1)} C{num(mx)},{num(y1)} '
            f'{num(mx)},{num(y2)} {num(x2)},{num(y2)}"/>')
