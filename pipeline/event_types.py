"""The contract's event types (SPEC §3) and what each means for the rules: one table,
`resources/events/types.csv`, read by the event stage, gold-check, eval and the reports.

Columns: `event_type, cameo, plover` (default codes; a trigger row may refine them), `color`
(the reports' colour), `label_ja` (its Japanese name, shown beside the code in the reports),
and the role semantics, each `yes` or empty:
- `symmetric`: the order of the two sides does not matter (eval compares them as a set);
- `pairing`: two parties acting together or one visiting the other — what `両国`/`両首脳`/
  `双方` and a one-sided meeting refer back to;
- `movement`: the destination is a side and the location (`平壌を訪問`, `ロシアに派兵`);
- `place_target`: a place acted on is a side (`クリミア併合`);
- `goal`: in the passive, what is sent belongs to the sender (`北朝鮮兵がロシアに派遣された`);
- `act_target`: criticising (supporting, rejecting) an act told by a clause targets its doer;
- `speaking`: a `Xから、` readout frame names its speaker;
- `saying`: in a relative clause on a document it is the document's content (guideline §6.8);
- `hosted`: needs a host state — a trip inside one's own state is no such event;
- `steps`: its modes are successive steps of one process (signing, ratifying, entering into
  force), each a happening of its own.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

TYPES_CSV = Path(__file__).parent / "resources" / "events" / "types.csv"
ROLE_COLUMNS = ("symmetric", "pairing", "movement", "place_target", "goal", "act_target", "speaking", "saying",
                "hosted", "steps")


@lru_cache(maxsize=1)
def event_types() -> dict[str, dict[str, str]]:
    """event_type -> its row, in the contract's order."""
    with open(TYPES_CSV, encoding="utf-8", newline="") as f:
        return {r["event_type"]: r for r in csv.DictReader(f)}


def types_with(role: str) -> frozenset[str]:
    """The event types marked `yes` in a role column (`types_with("symmetric")`)."""
    if role not in ROLE_COLUMNS:
        raise KeyError(f"no role column {role!r} in {TYPES_CSV.name}")
    return frozenset(t for t, r in event_types().items() if r[role] == "yes")


EVENT_TYPES = tuple(event_types())
TYPE_COLORS = {t: r["color"] for t, r in event_types().items()}
TYPE_LABELS_JA = {t: r.get("label_ja") or "" for t, r in event_types().items()}
