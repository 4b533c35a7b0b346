"""Build the generated part of pipeline/resources/places.csv: the CLDR exemplar cities.

Run from the repository root with the project venv:

    .venv/bin/python scripts/build_places.py

Two kinds of rows live in places.csv:

1. Hand-written rows (every row whose `note` does not start with `CLDR`): capitals,
   provinces and states, Japanese prefectures, contested areas, seas and straits, bases and
   facilities. Edit them in the CSV itself; this script keeps them byte for byte.
2. Generated rows (`note` = `CLDR exemplar city (<tz id>)`): the Japanese exemplar-city names
   of the CLDR time-zone data that Babel ships (`babel.Locale('ja').time_zones[tz]['city']`),
   with the territory of the zone (`babel.core.get_global('zone_territories')`, after
   resolving legacy zone ids through `zone_aliases`) turned into alpha-3 with pycountry, and
   the English exemplar city (`babel.Locale('en').time_zones`, else the zone id's last part).
   A dependent territory is mapped to its sovereign state (HKG -> CHN, GUM -> USA, GRL -> DNK,
   …: table SOVEREIGN), since `country` is the state a place belongs to.

Skipped: Etc/* zones, the Antarctic stations (territory AQ / 001), names of one character,
names listed in NOT_A_PLACE (ordinary Japanese words or loanwords: カナリア, チワワ, フェロー …),
and names that another resource file already lists (a country name such as ジブチ or
クウェート would otherwise shadow the COUNTRY reading, since places.csv loads before
countries.csv). A hand-written row with the same name wins over a generated row.

Output: UTF-8 (no BOM), header name,label,country,note,name_en (plus any other column the
file already has, kept before name_en), rows sorted by country then name, `\\n` line ends.
Running the script twice gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import babel
import pycountry
from babel.core import get_global

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "pipeline" / "resources"
OUT = RESOURCES / "places.csv"
BASE_FIELDS = ["name", "label", "country", "note"]
CLDR_TAG = "CLDR exemplar city"

# Dependent territories (ISO 3166-1 entries of their own) -> the sovereign state.
SOVEREIGN = {
    "HKG": "CHN", "MAC": "CHN",
    "GUM": "USA", "PRI": "USA", "VIR": "USA", "ASM": "USA", "MNP": "USA", "UMI": "USA",
    "GRL": "DNK", "FRO": "DNK",
    "ABW": "NLD", "CUW": "NLD", "SXM": "NLD", "BES": "NLD",
    "GIB": "GBR", "FLK": "GBR", "BMU": "GBR", "CYM": "GBR", "AIA": "GBR", "MSR": "GBR",
    "TCA": "GBR", "VGB": "GBR", "SHN": "GBR", "SGS": "GBR", "PCN": "GBR", "GGY": "GBR",
    "JEY": "GBR", "IMN": "GBR", "IOT": "GBR",
    "GUF": "FRA", "GLP": "FRA", "MTQ": "FRA", "MAF": "FRA", "BLM": "FRA", "SPM": "FRA",
    "REU": "FRA", "MYT": "FRA", "ATF": "FRA", "PYF": "FRA", "NCL": "FRA", "WLF": "FRA",
    "NFK": "AUS", "CXR": "AUS", "CCK": "AUS",
    "TKL": "NZL", "NIU": "NZL", "COK": "NZL",
    "SJM": "NOR", "ALA": "FIN",
    "ESH": "",  # Western Sahara: status unresolved (annotation guideline: contested -> empty)
}
# Notes for generated rows whose country needs a word.
TERRITORY_NOTE = {
    "IOT": "British Indian Ocean Territory; MUS claims it (2025 UK-Mauritius treaty on transfer)",
    "FLK": "Falkland Islands; claimed by ARG",
    "GIB": "claimed by ESP",
    "ESH": "Western Sahara; mostly administered by MAR, claimed by the Sahrawi Republic",
    "NIU": "Niue, in free association with NZL",
    "COK": "Cook Islands, in free association with NZL",
    "CYP": "",
}
# CLDR city names that are ordinary Japanese words or loanwords (or too ambiguous to match).
NOT_A_PLACE = {
    "カナリア",  # canary (bird); the islands are カナリア諸島
    "チワワ",  # the dog breed
    "フェロー",  # fellow (研究フェロー); the islands are フェロー諸島
    "ジャージー",  # jersey (clothing); the island is ジャージー島
    "フェニックス",  # phoenix
    "センター",  # never alone, but kept out on principle
    "地域不明",  # Etc/Unknown
    "チャタム",  # Chatham (NZ) would be read inside チャタム・ハウス (the think tank)
}
# Antarctic zones kept because they are not research stations.
ANTARCTIC_KEEP = {"Antarctica/Macquarie"}


def other_list_names() -> set[str]:
    names: set[str] = set()
    for fname in ("countries.csv", "organizations.csv", "state_bodies.csv", "people.csv"):
        path = RESOURCES / fname
        if path.is_file():
            with path.open(encoding="utf-8", newline="") as f:
                names |= {r["name"].strip() for r in csv.DictReader(f)}
    return names


def alpha3(territory: str) -> str | None:
    c = pycountry.countries.get(alpha_2=territory)
    if c is None:
        return None
    return SOVEREIGN.get(c.alpha_3, c.alpha_3)


def cldr_rows() -> list[dict]:
    ja, en = babel.Locale("ja"), babel.Locale("en")
    aliases, territories = get_global("zone_aliases"), get_global("zone_territories")
    skip = other_list_names()
    rows = []
    for tz in sorted(ja.time_zones):
        if tz.startswith("Etc/"):
            continue
        if tz.startswith("Antarctica/") and tz not in ANTARCTIC_KEEP:
            continue
        name = (ja.time_zones[tz].get("city") or "").strip()
        if len(name) < 2 or name in NOT_A_PLACE or name in skip:
            continue
        canon = aliases.get(tz, tz)
        terr = territories.get(tz) or territories.get(canon)
        if not terr or terr in ("001", "ZZ", "AQ"):
            continue
        iso3 = pycountry.countries.get(alpha_2=terr)
        country = alpha3(terr)
        if country is None:
            print(f"warning: {tz}: no alpha-3 for territory {terr}", file=sys.stderr)
            continue
        name_en = en.time_zones.get(tz, {}).get("city") or en.time_zones.get(canon, {}).get("city") \
            or tz.rsplit("/", 1)[-1].replace("_", " ")
        extra = TERRITORY_NOTE.get(iso3.alpha_3, "")
        note = f"{CLDR_TAG} ({canon})" + (f"; {extra}" if extra else "")
        label = "LOC" if name.endswith(("島", "諸島")) else "GPE"
        rows.append({"name": name, "label": label, "country": country, "note": note, "name_en": name_en})
    return rows


def main() -> int:
    hand: list[dict] = []
    fields = list(BASE_FIELDS)
    if OUT.is_file():
        with OUT.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields = [c for c in (reader.fieldnames or BASE_FIELDS) if c != "name_en"]
            hand = [r for r in reader if not (r.get("note") or "").startswith("CLDR")]
    fields.append("name_en")
    hand_names = {r["name"] for r in hand}
    generated, seen = [], set()
    for r in cldr_rows():
        if r["name"] in hand_names or r["name"] in seen:
            continue
        seen.add(r["name"])
        generated.append(r)
    rows = sorted(hand + generated, key=lambda r: (r.get("country") or "", r["name"]))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: (r.get(k) or "") for k in fields})
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(hand)} hand-written + {len(generated)} CLDR rows = {len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
