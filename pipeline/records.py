"""Plain records passed between the stages. Offsets are into the text the stage was given."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    date_start: str  # ISO YYYY-MM-DD or ""
    date_end: str  # ISO YYYY-MM-DD or ""
    precision: str  # day|month|year|part|season|decade|century or ""
    anchor: str  # absolute|document|discourse|unresolved
    moves: bool = True  # the date dates a happening of the narrative (it moved the reference time)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    text: str
    label: str  # PERSON|COUNTRY|ORG|GPE|LOC|FAC
    actor_id: str  # ISO alpha-3, org code, or ""
    country: str  # ISO alpha-3 or ""
    name: str  # canonical name
    name_en: str = ""  # English name where the lists know it (SPEC §3)
    shown: bool = True  # False: an anaphor (我が国) the events read but entities.csv leaves out
