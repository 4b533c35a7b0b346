"""Split the forty composed texts of `../shared/dev-corpus/` into `corpus/dev/` and `corpus/test/`.

    python scripts/split_corpus.py [--src ../shared/dev-corpus] [--dest corpus] [--seed 20261130]

Texts that mainly treat the same happening (one summit, strike, treaty, disaster…) form a group,
and a group goes wholly to one side, so that names and triggers learnt while reading dev diffs do
not walk into test (issue 14). The groups are written below by reading the texts' titles and
leads; a text whose main happening is part of a larger one in another text (a UN resolution on
the Gaza war and a chronology of that war) joins that group.

The draw: groups are shuffled with `random.Random(SEED)` and taken in that order into test while
no genre exceeds two texts in test and test stays within TEST_SIZE texts; the draw is accepted
when every genre has one or two texts in test and test holds TEST_SIZE texts, else the next
shuffle of the same generator is tried. The result is fully determined by the seed.

Files are copied byte for byte (genre prefix kept); the four manifest parts are joined and each
folder gets its own `manifest.csv` with the rows of its files. The draw is printed (and recorded
in the README).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sys
from pathlib import Path

SEED = 20261130
TEST_SIZE = range(11, 14)  # "about 12"
MAX_PER_GENRE_IN_TEST = 2

# happening -> doc_ids that mainly treat it
GROUPS: dict[str, tuple[str, ...]] = {
    "japan-philippines-raa-2024": (
        "broadcast-02-japan-philippines-raa", "press-05-japan-philippines-2plus2-raa",
        "editorial-03-japan-philippines-raa-scs", "analysis-02-scs-philippines-raa"),
    "japan-china-relations-sf-summit-2023": (
        "wire-04-kishida-xi-san-francisco", "press-01-japan-china-summit-sf",
        "chronology-02-japan-china-relations"),
    "sweden-nato-accession-2024": ("broadcast-03-sweden-joins-nato", "encyclopedia-02-sweden-nato-accession"),
    "gaza-war-2023-2025": (
        "broadcast-04-unsc-gaza-ceasefire", "press-03-unsc-res2728-gaza",
        "chronology-03-gaza-war-regional-spillover", "wire-02-iran-strike-on-israel",
        "transcript-02-kamikawa-iran-israel"),
    "iran-nuclear-twelve-day-war-2025": ("editorial-05-us-strikes-iran-nuclear-sites", "analysis-03-iran-snapback.cp932"),
    "myanmar-coup-2021": ("editorial-04-myanmar-coup-four-years", "encyclopedia-03-myanmar-coup-2021"),
    "myanmar-earthquake-2025": ("broadcast-01-myanmar-earthquake",),
    "noto-earthquake-2024": ("chronology-05-noto-earthquake-first-year", "encyclopedia-01-noto-earthquake-2024"),
    "black-sea-grain-initiative": ("wire-03-black-sea-grain-deal", "encyclopedia-04-black-sea-grain-initiative"),
    "pla-drills-around-taiwan": (
        "editorial-01-pla-drills-around-taiwan", "analysis-04-taiwan-pla-drills",
        "transcript-03-matsuno-pla-drills-eez"),
    "russia-dprk-military-ties": ("analysis-01-russia-dprk-treaty", "chronology-01-dprk-russia-military-ties"),
    "dprk-icbm-hwasong19-2024": ("wire-01-hwasong19-icbm",),
    "dprk-irbm-overflight-2022": ("press-02-dprk-irbm-overflight",),
    "india-china-border-thaw": ("wire-05-modi-xi-kazan", "analysis-05-india-china-border.cp932"),
    "russia-ukraine-istanbul-talks-2025": ("broadcast-05-istanbul-direct-talks",),
    "us-ukraine-summit-collapse-2025": ("editorial-02-trump-zelensky-talks-collapse",),
    "kishida-kyiv-visit-2023": ("press-04-kishida-kyiv-visit",),
    "yen-intervention-2024": ("transcript-01-suzuki-yen-intervention",),
    "gcap-export-rules-2024": ("transcript-04-kihara-gcap-export",),
    "security-bills-2015": ("transcript-05-diet-security-bills-2015",),
    "unsc-votes-2022-2025": ("chronology-04-unsc-votes-vetoes",),
    "unsc-dprk-panel-of-experts": ("encyclopedia-05-unsc-dprk-panel-of-experts",),
}
MANIFEST_PARTS = "manifest-*.csv"


def genre(doc_id: str) -> str:
    return doc_id.split("-", 1)[0]


def draw(groups: dict[str, tuple[str, ...]], seed: int = SEED) -> tuple[set[str], int]:
    """Names of the groups drawn into test, and the number of shuffles tried."""
    genres = {genre(d) for docs in groups.values() for d in docs}
    rng = random.Random(seed)
    names = sorted(groups)
    for attempt in range(1, 10_000):
        rng.shuffle(names)
        test: set[str] = set()
        count = {g: 0 for g in genres}
        for name in names:
            add = [genre(d) for d in groups[name]]
            new = {g: count[g] + add.count(g) for g in set(add)}
            if any(v > MAX_PER_GENRE_IN_TEST for v in new.values()):
                continue
            if sum(count.values()) + len(add) > max(TEST_SIZE):
                continue
            test.add(name)
            count.update(new)
        if all(1 <= v <= MAX_PER_GENRE_IN_TEST for v in count.values()) and sum(count.values()) in TEST_SIZE:
            return test, attempt
    raise SystemExit("no draw satisfies the constraints")


def read_manifest_parts(src: Path) -> tuple[list[str], list[dict]]:
    header: list[str] = []
    rows: list[dict] = []
    for part in sorted(src.glob(MANIFEST_PARTS)):
        with part.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = header or list(reader.fieldnames or [])
            rows.extend(reader)
    return header, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-corpus")
    ap.add_argument("--dest", type=Path, default=Path(__file__).resolve().parents[1] / "corpus")
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args(argv)
    header, rows = read_manifest_parts(a.src)
    by_id = {r["doc_id"]: r for r in rows}
    grouped = [d for docs in GROUPS.values() for d in docs]
    if sorted(grouped) != sorted(by_id) or len(set(grouped)) != len(grouped):
        missing = sorted(set(by_id) - set(grouped))
        extra = sorted(set(grouped) - set(by_id))
        print(f"error: groups and manifest differ (ungrouped {missing}, unknown {extra})", file=sys.stderr)
        return 2
    test_groups, attempts = draw(GROUPS, a.seed)
    side = {d: ("test" if name in test_groups else "dev") for name, docs in GROUPS.items() for d in docs}
    for part in ("dev", "test"):
        folder = a.dest / part
        folder.mkdir(parents=True, exist_ok=True)
        chosen = sorted(d for d, s in side.items() if s == part)
        for d in chosen:
            shutil.copyfile(a.src / by_id[d]["path"], folder / by_id[d]["path"])
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(by_id[d] for d in chosen)
        (folder / "manifest.csv").write_text(buf.getvalue(), encoding="utf-8")
        print(f"{part}: {len(chosen)} texts")
    print(f"seed {a.seed}: accepted on shuffle {attempts}; test groups:")
    for name in sorted(test_groups):
        print(f"  {name}: {', '.join(GROUPS[name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
