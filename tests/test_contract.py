"""docs/contract.md, the project's copy of the output contract, is in step with
../shared/SPEC.md (which governs where they differ): the same headings, column lists and event
types. Skipped where ../shared/ is not beside the repository (a clone on its own)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COPY = ROOT / "docs" / "contract.md"
SPEC = ROOT.parent / "shared" / "SPEC.md"


def outline(text: str) -> dict[str, list]:
    """The parts a reader or the code relies on: headings, column lists (backticked lists of
    four or more commas, as in `doc_id, path, title, …`), the rows of the event-type table."""
    columns = [" ".join(m.split()) for m in re.findall(r"`([^`]+)`", text, flags=re.S) if m.count(",") >= 4]
    return {
        "headings": re.findall(r"^#{1,6} .+$", text, flags=re.M),
        "columns": columns,
        "event_types": [" ".join(ln.split()) for ln in text.splitlines() if re.match(r"\| [A-Z_]+ \|", ln)],
    }


def test_the_copy_is_there_and_complete():
    text = COPY.read_text(encoding="utf-8")
    parts = outline(text)
    assert "# Extraction contract" in parts["headings"]
    assert any(c.startswith("event_id, doc_id, char_start") for c in parts["columns"])
    assert len(parts["event_types"]) == 17
    assert "../shared/SPEC.md" in text.split("# Extraction contract")[0]  # the note: which governs


@pytest.mark.skipif(not SPEC.is_file(), reason="../shared/SPEC.md is not beside the repository")
def test_the_copy_is_in_step_with_shared_spec():
    spec, copy = outline(SPEC.read_text(encoding="utf-8")), outline(COPY.read_text(encoding="utf-8"))
    for part in ("headings", "columns", "event_types"):
        assert copy[part] == spec[part], f"docs/contract.md is out of step with {SPEC} ({part}): copy SPEC.md into it"


def test_readme_links_to_the_contract():
    assert "(docs/contract.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
