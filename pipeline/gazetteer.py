"""The editable name lists of `pipeline/resources/` loaded into one lookup structure.

    load_gazetteer(folder) -> Gazetteer

Files (columns in pipeline/resources/README.md):
- countries.csv        name -> ISO alpha-3 (COUNTRY)
- country_abbrevs.csv  one-character abbreviations used in compounds (露, 朝, 米 …)
- organizations.csv    international organisations and groupings -> code (ORG)
- state_bodies.csv     ministries, agencies, media, parliaments -> their state (ORG)
- people.csv           office-holders and their name variants -> canonical name, state (PERSON)
- places.csv           cities, regions, seas, facilities -> GPE / LOC / FAC and country
- titles.csv           office titles and honorifics that attach to a name
- compound_exclusions.csv  ordinary words that must not be read as country compounds
- bare_bodies.csv      body names of any state (外務省, 国防部): the state comes from the context

Keys are matched after width folding (full-width ASCII -> ASCII), so `ＮＡＴＯ` and `NATO` are one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def fold(text: str) -> str:
    """Length-preserving width folding used for matching (never for output)."""
    return text.translate(_FULLWIDTH)


class ResourceError(Exception):
    """A resource file is missing a column or holds an invalid row."""


@dataclass(frozen=True)
class Entry:
    label: str  # PERSON | COUNTRY | ORG | GPE | LOC | FAC
    actor_id: str
    country: str
    name: str  # canonical name
    name_en: str = ""  # English name (SPEC §3 `name_en`)
    shown: bool = True  # False for anaphors (我が国): an actor for events, not an entities.csv row


@dataclass
class Gazetteer:
    names: dict[str, Entry] = field(default_factory=dict)
    abbrevs: dict[str, str] = field(default_factory=dict)  # char -> code, used inside compounds
    context_abbrevs: dict[str, str] = field(default_factory=dict)  # only after 対/訪 … (北 -> PRK)
    alone_abbrevs: frozenset = frozenset()  # also a word of their own before a particle (`米は`, `比の`)
    titles: tuple[str, ...] = ()
    exclusions: frozenset[str] = frozenset()
    country_codes: frozenset[str] = frozenset()
    org_codes: frozenset[str] = frozenset()
    display: dict[str, str] = field(default_factory=dict)  # code -> the name shown in `name`
    country_en: dict[str, str] = field(default_factory=dict)  # code -> English name
    bare_bodies: set[str] = field(default_factory=set)  # 外務省, 国防省: their state comes from the context
    no_state: set[str] = field(default_factory=set)  # listed places no state holds (seas, contested lines)

    @cached_property
    def buckets(self) -> dict[str, tuple[str, ...]]:
        """Names by first character, longest first (for leftmost-longest matching)."""
        b: dict[str, list[str]] = {}
        for key in self.names:
            b.setdefault(key[0], []).append(key)
        return {c: tuple(sorted(v, key=lambda k: (-len(k), k))) for c, v in b.items()}

    def add(self, name: str, entry: Entry, source: str) -> None:
        key = fold(name.strip())
        if not key:
            raise ResourceError(f"{source}: empty name")
        # A name listed twice keeps its first, more specific reading (people before countries).
        self.names.setdefault(key, entry)


def _rows(path: Path, required: tuple[str, ...]) -> list[dict]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ResourceError(f"{path}: missing column(s) {', '.join(missing)}")
        rows = []
        for i, row in enumerate(reader, start=2):
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            row["_where"] = f"{path.name}:{i}"
            rows.append(row)
        return rows


@lru_cache(maxsize=4)
def load_gazetteer(folder: Path = RESOURCES) -> Gazetteer:
    folder = Path(folder)
    g = Gazetteer()
    countries = _rows(folder / "countries.csv", ("name", "code"))
    orgs = _rows(folder / "organizations.csv", ("name", "code"))
    g.country_codes = frozenset(r["code"] for r in countries)
    g.org_codes = frozenset(r["code"] for r in orgs)
    org_en = {r["code"]: r.get("name_en", "") for r in orgs if r.get("kind") == "official" and r.get("name_en")}
    for r in _rows(folder / "people.csv", ("name", "canonical", "country")):
        # the head of an international organisation speaking for it is coded as the organisation
        actor = r.get("speaks_for") or r["country"]
        g.add(r["name"], Entry("PERSON", actor, r["country"], r["canonical"] or r["name"], r.get("name_en", "")), r["_where"])
    for r in _rows(folder / "state_bodies.csv", ("name", "country")):
        g.add(r["name"], Entry("ORG", r["country"], r["country"], r.get("canonical") or r["name"], r.get("name_en", "")),
              r["_where"])
    for r in orgs:
        g.add(r["name"], Entry("ORG", r["code"], "", r["name"], r.get("name_en") or org_en.get(r["code"], "")), r["_where"])
    for r in _rows(folder / "places.csv", ("name", "label", "country")):
        if not r["country"]:
            g.no_state.add(r.get("canonical") or r["name"])
        g.add(r["name"], Entry(r["label"], r["country"], r["country"], r.get("canonical") or r["name"], r.get("name_en", "")),
              r["_where"])
    for r in sorted(countries, key=lambda r: (r.get("kind") != "short", len(r["name"]))):
        g.display.setdefault(r["code"], r["name"])
    for r in orgs:
        g.display.setdefault(r["code"], r["code"])
    country_en = {r["code"]: r.get("name_en", "") for r in countries if r.get("name_en")}
    g.country_en = country_en
    for r in countries:
        g.add(r["name"], Entry("COUNTRY", r["code"], r["code"], r["name"], country_en.get(r["code"], ""),
                               shown=r.get("kind") != "anaphor"), r["_where"])
    for r in _rows(folder / "country_abbrevs.csv", ("char", "code")):
        use = r.get("use") or "compound"
        if use in ("compound", "alone"):
            g.abbrevs[fold(r["char"])] = r["code"]
        if use == "alone":
            g.alone_abbrevs |= {fold(r["char"])}
        elif use == "context":
            g.context_abbrevs[fold(r["char"])] = r["code"]
    titles = {fold(r["title"]) for r in _rows(folder / "titles.csv", ("title",)) if r["title"]}
    g.titles = tuple(sorted(titles, key=lambda t: (-len(t), t)))
    g.exclusions = frozenset(fold(r["word"]) for r in _rows(folder / "compound_exclusions.csv", ("word",)))
    g.bare_bodies = {fold(r["word"]) for r in _rows(folder / "bare_bodies.csv", ("word",)) if r["word"]}
    return g
