"""People named again, read across a document's paragraphs in order (the news style's way of
naming a person after the first mention):

- a surname with `氏` (`習氏`, `モディ、習両氏`, `スミス氏`) after the person was named in full
  (`習近平国家主席`, `ジョン・スミス議員`) is that person: a PERSON row with their name and state;
- a person found with a title but no state (`ミスリ次官`) whose name is the surname of a person
  named before (`ヴィクラム・ミスリ外務次官`) takes that person's name and state;
- `同氏`, `同大使`, `同首相` (同 and an office title) refer back to the last person named (with
  that title): an anaphor, which the events read as that person's state but entities.csv leaves
  out (guideline §6.9, like `同国`).

The memory is a list of the people named so far with a state, newest last; a paragraph's own
people count from where they stand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .entities import _KANJI
from .events.syntax import actors_in
from .gazetteer import fold, load_gazetteer
from .records import Entity

# a surname and 氏 (or 両氏 after a list of surnames); the run before it stands alone
SURNAME = re.compile(rf"(?<![{_KANJI}\u30a1-\u30fa\u30fc・=＝])([{_KANJI}]{{1,3}}?|[\u30a1-\u30fa\u30fc]{{2,}})(?=両?氏)")
BACK_REFERENCE = re.compile(rf"(?<![{_KANJI}])同(?=[{_KANJI}])")
NAME_PARTS = re.compile(r"[・=＝ \u3000]")


@dataclass(frozen=True)
class Named:
    """A person named with a state: the name as written (title off), the title, the entity."""

    written: str
    title: str
    entity: Entity


@dataclass
class People:
    """The people of a document named so far, newest last."""

    named: list[Named] = field(default_factory=list)


def _split_title(text: str, titles: tuple[str, ...]) -> tuple[str, str]:
    s = fold(text).rstrip(" \u3000")
    for t in titles:  # longest first
        if s.endswith(t) and len(s) > len(t):
            return s[:-len(t)].rstrip(" \u3000"), t
    return s, ""


def _surname_of(person: Named, surname: str) -> bool:
    """`習` of `習近平`, `プーチン` of `ウラジーミル・プーチン`: the start of a kanji name, the last
    part of a katakana one."""
    for full in (person.written, fold(person.entity.name)):
        if not full or surname == full:
            continue
        if KANJI_NAME.fullmatch(full) and full.startswith(surname):
            return True
        if NAME_PARTS.search(full) and NAME_PARTS.split(full)[-1] == surname:
            return True
    return False


KANJI_NAME = re.compile(rf"[{_KANJI}]{{2,5}}")


def _latest(people: list[Named], pred) -> Named | None:
    return next((p for p in reversed(people) if pred(p)), None)


def _as(person: Named, start: int, end: int, text: str, shown: bool = True) -> Entity:
    e = person.entity
    return Entity(start, end, text, "PERSON", e.actor_id, e.country, e.name, e.name_en, shown)


def _named(e: Entity, titles) -> Named | None:
    """The person `e` as memory holds them, None unless a person with a state."""
    if e.label != "PERSON" or not (e.actor_id or e.country):
        return None
    return Named(*_split_title(e.text, titles), e)


def named_again(paragraph: str, actors: list[Entity], memory: People) -> list[Entity]:
    """The paragraph's actors with the people named again resolved and added, in text order;
    `memory` is read and then extended with the paragraph's people."""
    titles = load_gazetteer().titles
    known = list(memory.named)
    out: list[Entity] = []
    for e in sorted(actors, key=lambda x: (x.start, x.end)):
        if e.label == "PERSON" and not (e.actor_id or e.country):
            written, _ = _split_title(e.text, titles)
            person = _latest(known, lambda p: _surname_of(p, written))
            if person is not None:
                e = replace(e, actor_id=person.entity.actor_id, country=person.entity.country,
                            name=person.entity.name, name_en=person.entity.name_en)
        out.append(e)
        if (named := _named(e, titles)) is not None:
            known.append(named)
    here = known[len(memory.named):]  # the paragraph's own people, in text order
    added = _surnames(paragraph, out, memory.named, here) + _back_references(paragraph, out, memory.named, here, titles)
    memory.named += sorted(here + [n for a in added if (n := _named(a, titles)) is not None],
                           key=lambda n: (n.entity.start, n.entity.end))
    return sorted(out + added, key=lambda x: (x.start, x.end))


def _before(people: list[Named], here: list[Named], pos: int) -> list[Named]:
    """The people named before `pos`: the earlier paragraphs' and this one's up to `pos`."""
    return people + [n for n in here if n.entity.end <= pos]


def _surnames(paragraph: str, actors: list[Entity], people: list[Named], here: list[Named]) -> list[Entity]:
    out: list[Entity] = []
    for m in SURNAME.finditer(paragraph):
        end = m.end() + (2 if paragraph.startswith("両氏", m.end()) else 1)
        if actors_in((m.start(), end), actors + out):
            continue
        person = _latest(_before(people, here, m.start()), lambda p: _surname_of(p, m.group(1)))
        if person is not None:
            out.append(_as(person, m.start(), end, paragraph[m.start():end]))
    return out


def _back_references(paragraph: str, actors: list[Entity], people: list[Named], here: list[Named],
                     titles) -> list[Entity]:
    out: list[Entity] = []
    for m in BACK_REFERENCE.finditer(paragraph):
        title = next((t for t in titles if paragraph.startswith(t, m.end())), "")
        if not title or actors_in((m.start(), m.end() + len(title)), actors + out):
            continue
        same = (lambda p: True) if title == "氏" else (lambda p: p.title.endswith(title))
        person = _latest(_before(people, here, m.start()), same)
        if person is not None:
            end = m.end() + len(title)
            out.append(_as(person, m.start(), end, paragraph[m.start():end], shown=False))
    return out
