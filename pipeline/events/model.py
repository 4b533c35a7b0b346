"""The records of the event stage: an Event row and the document State that crosses sentences."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Timex


@dataclass
class Event:
    start: int
    end: int
    trigger: str
    event_type: str
    mode: str
    cameo: str
    plover: str
    modality: str
    actor1: str = ""
    actor1_name: str = ""
    actor1_text: str = ""
    actor2: str = ""
    actor2_name: str = ""
    actor2_text: str = ""
    participants: str = ""
    location: str = ""
    location_text: str = ""
    date_text: str = ""
    date_start: str = ""
    date_end: str = ""
    date_precision: str = ""
    date_source: str = "none"
    sentence_start: int = 0
    sentence_end: int = 0
    # where the cells came from: the actors' spans (paragraph offsets), the Timex object that
    # dated it, and the ids of the named rules that made the row (SPEC §3 `rules`)
    actor1_spans: tuple = ()
    actor2_spans: tuple = ()
    date_ref: object = field(default=None, compare=False, repr=False)
    rules: tuple = ()
    attribution: str = ""  # who the text says reports it (pipeline.attribution)


@dataclass
class State:
    """What carries over from one sentence (and paragraph) to the next."""

    ref: Timex | None = None
    ref_age: int = 0  # sentences read since the reference date was set
    narrative: bool = True  # every sentence since the dated one ended in the past tense
    topic: list[str] = field(default_factory=list)  # actor1 of the previous sentence's last event
    pair: tuple[str, ...] = ()  # participants of the last event between exactly two states
    pairs: dict = field(default_factory=dict)  # each such pair -> how many rows it has had
    agreement: list[str] = field(default_factory=list)  # parties of the last agreement or signing
    doers: dict = field(default_factory=dict)  # event type -> actor1 codes of its last row
    launcher: list[str] = field(default_factory=list)  # actor1 of the last launch or test (SHOW_OF_FORCE)
    seen: set = field(default_factory=set)  # (type, date_start, date_end) of the rows made so far
    countries: list[str] = field(default_factory=list)  # recent state codes, newest last
    held: bool = False  # a cataphoric lead holds the reference time for the items after it
    doc_date: str = ""  # the document's date (ISO, maybe partial), "" when unknown
    title: str = ""  # the document's title: written again as its headline, it states nothing new
    peg: Timex | None = None  # the day a news report's story stands at (dates.NEWS_DAYS)
    pegged: bool = False  # the first dated happening has been read
    flashback: bool = False  # the paragraph narrates a time before the news days (its own date)


def happening_key(ev: Event) -> tuple[str, str, str]:
    return ev.event_type, ev.date_start, ev.date_end


@dataclass(frozen=True)
class Rejection:
    """A trigger match that made no row, and the id of the filter or source that decided it."""

    start: int
    end: int
    trigger: str
    event_type: str
    reason: str
    sentence_start: int
    sentence_end: int
