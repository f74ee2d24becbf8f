"""A synthetic corpus of resolved `Extraction` objects, for store-side tests and timings.

It emits what the pipeline would hand the store (`kg.rdf.article_graph` / `entity_graph` of
resolved extractions): articles with allegations, denials, attacks that several articles
report (each article's report its own node, keyed as `kg.resolve.attacks.attack_key` keys
it; the store clusters them into incidents, whose denials then answer the allegations of
other articles), casualty figures that disagree, spokespeople who speak for ministries who
speak for states, places within provinces.  Deterministic per seed.

    python -m tests.support.synthetic --articles 7000 --store /tmp/kg-1m   # about 1M triples
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from typing import Iterator

from kg.model import (
    AgentRef, Article, Attack, Claim, DateRef, Extraction, Figure, PartialDate, PlaceRef, Span,
    TargetRef,
)
from kg.resolve.attacks import attack_key

STATES = ["Northland", "Southmark", "Eastvale Republic", "Westria", "Central Union"]
ARMED = ["Rebel Front", "Liberation Army", "Mountain Brigade", "People's Guard"]
NGOS = ["Medics United", "Rights Watch South", "Aid Monitor", "Civil Defence Network",
        "Health Access Coalition", "Children's Relief"]
MEDIA = ["Evening Post", "Daily Ledger", "Valley Times", "Coast Gazette", "Wire Service"]
CATEGORIES = ["hospital", "medical_facility", "school", "market", "residential",
              "place_of_worship", "aid_convoy", "infrastructure", "civilians"]
PROVINCES = [f"Province {c}" for c in "ABCDEFGHIJ"]


def _partial(d: date) -> PartialDate:
    return PartialDate(d.year, d.month, d.day)


def _agent(name: str, kind: str, speaks_for: AgentRef | None = None) -> AgentRef:
    return AgentRef(name=name, kind=kind, speaks_for=speaks_for, key=name.lower(), label=name)


class _Text:
    """Builds an article text sentence by sentence and returns the spans of inserted words."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, *pieces: str) -> list[Span]:
        spans = []
        for piece in pieces:
            spans.append(Span(self.pos, self.pos + len(piece)))
            self.parts.append(piece)
            self.pos += len(piece)
        return spans

    def text(self) -> str:
        return "".join(self.parts)


class Corpus:
    def __init__(self, seed: int = 1, n_attacks: int | None = None):
        self.rng = random.Random(seed)
        self.states = [_agent(s, "government") for s in STATES]
        self.armed = [_agent(s, "armed_group") for s in ARMED]
        self.ministries = [_agent(f"{s.name} Defence Ministry", "military", s) for s in self.states]
        self.spokes = [_agent(f"Colonel {n} of {m.name}", "military", m)
                       for m in self.ministries for n in ("Ada Reyes", "Ben Okoro")]
        self.ngos = [_agent(n, "ngo") for n in NGOS]
        self.provinces = [PlaceRef(name=p, key=p.lower(), label=p) for p in PROVINCES]
        self.places = []
        for i in range(120):
            prov = self.provinces[i % len(self.provinces)]
            name = f"Town {i:03d}"
            self.places.append(PlaceRef(name=name, key=name.lower(), label=name, within=prov))
        self.n_attacks = n_attacks

    def attack_key(self, i: int) -> tuple[str, PlaceRef, date, str]:
        rng = random.Random(i * 7919)
        place = self.places[rng.randrange(len(self.places))]
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
        category = CATEGORIES[rng.randrange(len(CATEGORIES))]
        return f"{place.key} {day.isoformat()} {category}", place, day, category

    def article(self, n: int) -> Extraction:
        rng = random.Random(n)
        t = _Text()
        publisher = MEDIA[n % len(MEDIA)]
        n_attacks = self.n_attacks or max(50, n // 3)
        attacks, claims = [], []
        latest = date(2015, 1, 1)
        for _ in range(rng.choice((1, 1, 2, 3))):
            _, place, day, category = self.attack_key(rng.randrange(n_attacks))
            latest = max(latest, day)
            perp = rng.choice(self.states + self.armed)
            killed = rng.randrange(1, 60)
            t.add(f"Article {n}. ")
            (a_span, p_span, k_span, d_span) = (
                t.add(f"An air strike hit a {category.replace('_', ' ')} in ")[0],
                t.add(place.name)[0], t.add(f", killing at least {killed} people")[0],
                t.add(f" on {day:%d %B %Y}")[0])
            t.add(". ")
            attack = Attack(
                span=Span(a_span.start, d_span.end),
                targets=[TargetRef(category=category)],
                place=PlaceRef(name=place.name, span=p_span, key=place.key, label=place.label,
                               within=place.within),
                date=DateRef(earliest=day, latest=day, precision="day", span=d_span),
                perpetrators=[perp], killed=Figure(count=killed, qualifier="at_least", span=k_span),
                injured=Figure(count=killed * 2, span=k_span) if rng.random() < .3 else None,
                weapon="air strike" if rng.random() < .5 else None)
            attacks.append(attack)
            ai = len(attacks) - 1
            for _ in range(rng.choice((1, 2, 3))):
                src = rng.choice(self.ngos + [_agent("Witnesses", "witness")])
                s_span = t.add(src.name)[0]
                c_span = t.add(f" said that {perp.name} carried out the attack, "
                               "a possible war crime")[0]
                t.add(". ")
                src = AgentRef(**{**src.__dict__, "span": s_span})
                claims.append(Claim(kind="allegation", span=c_span, source=src,
                                    attribution=rng.choice(("direct", "indirect")),
                                    accused=[perp], attacks=[ai], cue="say",
                                    hedged=rng.random() < .2))
            if perp.kind == "government" and rng.random() < .6:
                m = self.ministries[self.states.index(perp)]
                spk = rng.choice([m] + [s for s in self.spokes if s.speaks_for is m])
                s_span = t.add(spk.name)[0]
                d_span = t.add(" denied the reports, calling them lies and fabrications")[0]
                t.add(". ")
                denied = [i for i, c in enumerate(claims) if c.kind == "allegation"
                          and ai in c.attacks]
                claims.append(Claim(kind="denial", span=d_span,
                                    source=AgentRef(**{**spk.__dict__, "span": s_span}),
                                    attribution="indirect", accused=[perp], attacks=[ai],
                                    denies=denied, denial_kind=rng.choice(
                                        ("categorical", "dismissal", "protected_status")),
                                    rebuts=[claims[denied[0]].source] if denied else [],
                                    cue="deny"))
        if rng.random() < .05:
            u_span = t.add("Unverified posts claimed more strikes nearby")[0]
            t.add(". ")
            claims.append(Claim(kind="allegation", span=u_span,
                                source=_agent("unnamed sources", "anonymous"),
                                attribution="unattributed"))
        t.add(" " + "Background paragraph without claims. " * rng.randrange(3, 12))
        art = Article(text=t.text(), path=f"synthetic/{n:06d}.txt", title=f"Report {n}",
                      publisher=publisher, url=f"https://news.example/{n}",
                      published=_partial(latest + timedelta(days=rng.randrange(1, 30))))
        for a in attacks:           # one report per article, as kg.resolve keys them
            a.key = attack_key(a, art.id)
        return Extraction(article=art, claims=claims, attacks=attacks,
                          extractor="synthetic corpus 1")

    def extractions(self, n: int, start: int = 0) -> Iterator[Extraction]:
        for i in range(start, start + n):
            yield self.article(i)


def main(argv=None) -> None:
    from kg.rdf import article_graph, entity_graph
    from kg.store import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--store", required=True)
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ontology", default=None, help="ontology file (default: the bundled one)")
    args = ap.parse_args(argv)
    corpus = Corpus(args.seed, n_attacks=max(50, args.articles // 3))
    with Store.open(args.store, mode="w", ontology=args.ontology or True) as store:
        batch = []
        t0 = time.perf_counter()
        for i, x in enumerate(corpus.extractions(args.articles)):
            batch.append((article_graph(x), entity_graph(x)))
            if len(batch) >= args.batch:
                t = time.perf_counter()
                store.write_articles(batch)
                if (i + 1) % (args.batch * 5) == 0:
                    per = 1000 * (time.perf_counter() - t) / len(batch)
                    print(f"{i + 1} articles, last batch {per:.1f} ms/article", flush=True)
                batch = []
        if batch:
            store.write_articles(batch)
        print(f"total {time.perf_counter() - t0:.1f} s")
        store.optimize()
        print(store.stats())


if __name__ == "__main__":
    main()
