"""Build pipeline/resources/countries.csv: Japanese names of the world's states.

Run from the repository root with the project venv:

    .venv/bin/python scripts/build_countries.py

Two sources are merged:

1. pycountry's ISO 3166-1 records with their Japanese gettext translations (name,
   official_name, common_name), restricted to the 193 UN member states plus TWN, PSE, VAT.
   A few translations in pycountry's catalogue are wrong, outdated or loaded; those are
   listed in EXCLUDE and dropped.
2. SUPPLEMENT, a hand-written table of the forms used in Japanese news and essays
   (short forms, former names, aliases), plus the codes pycountry does not hold as
   current countries (XKX Kosovo, SUN Soviet Union).

To add a name, add a row to SUPPLEMENT and rerun; do not edit countries.csv by hand
(it is regenerated).  A SUPPLEMENT row with the same (name, code) as a pycountry row
replaces it (use this to change its kind or add a note).

Output: UTF-8 (no BOM), header name,code,kind,note,name_en, rows sorted by code then name
(`name_en`: the state's English short name, from pycountry or ENGLISH). Kind `anaphor` (我が国)
is read as the state for events but is no entities.csv row (annotation guideline §6.9).
"""

from __future__ import annotations

import csv
import gettext
import io
import sys
import unicodedata
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "countries.csv"
KINDS = ("official", "short", "alias", "adjective", "anaphor")
# English names where pycountry's short name is not the usual one in news
ENGLISH = {"KOR": "South Korea", "PRK": "North Korea", "RUS": "Russia", "IRN": "Iran", "SYR": "Syria",
           "TWN": "Taiwan", "VNM": "Vietnam", "LAO": "Laos", "BOL": "Bolivia", "VEN": "Venezuela",
           "TZA": "Tanzania", "MDA": "Moldova", "FSM": "Micronesia", "PSE": "Palestine", "VAT": "Holy See",
           "XKX": "Kosovo", "SUN": "Soviet Union", "COD": "DR Congo", "COG": "Republic of the Congo",
           "BRN": "Brunei", "CZE": "Czech Republic", "TUR": "Turkey", "CIV": "Côte d'Ivoire"}

# The 193 UN member states (ISO 3166-1 alpha-3).
UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
    BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
    CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
    FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
    IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
    NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
    MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
    UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """.split()
)
# Non-members taken from pycountry's current list.
EXTRA_ISO = frozenset({"TWN", "PSE", "VAT"})
# Contract codes that are not current ISO 3166-1 entries in pycountry.
NON_ISO = {
    "XKX": "user-assigned code for Kosovo (contract)",
    "SUN": "pycountry.historic_countries (USSR)",
}

# pycountry Japanese strings dropped: (code, string) -> reason.
EXCLUDE = {
    ("BIH", "ボスニアヘルツコビナ共和国"): "misspelt, outdated official name",
    ("KOR", "大韓民国 (韓国)"): "split into 大韓民国 and 韓国",
    ("MMR", "ミャンマー共和国"): "not the state's name (ミャンマー連邦共和国)",
    ("TWN", "中国領・台湾"): "not a form used in Japanese writing",
    ("TZA", "タニザニア連合共和国"): "misspelt",
    ("VAT", "聖庁 (バチカン市国)"): "split into バチカン市国 and aliases",
}

# Hand-written supplement: (code, name, kind, note).
SUPPLEMENT: list[tuple[str, str, str, str]] = [
    # --- the region and the main actors -------------------------------------------
    ("RUS", "ロシア", "short", ""),
    ("RUS", "ロシア連邦", "official", ""),
    ("RUS", "露国", "alias", "rare, older press style"),
    ("RUS", "露領", "adjective", "as in 露領 (Russian territory)"),
    ("PRK", "北朝鮮", "short", ""),
    ("PRK", "朝鮮民主主義人民共和国", "official", ""),
    ("PRK", "北韓", "alias", "South Korean usage, quoted"),
    ("KOR", "韓国", "short", ""),
    ("KOR", "大韓民国", "official", ""),
    ("KOR", "南朝鮮", "alias", "DPRK usage in KCNA texts"),
    ("CHN", "中国", "short", ""),
    ("CHN", "中華人民共和国", "official", ""),
    ("CHN", "中国領", "adjective", "as in 中国領 (Chinese territory)"),
    ("JPN", "日本", "short", ""),
    ("JPN", "日本国", "official", ""),
    ("JPN", "わが国", "anaphor", "first-person reference by Japanese authors; an actor for events, no entity row"),
    ("JPN", "我が国", "anaphor", "first-person reference by Japanese authors; an actor for events, no entity row"),
    ("JPN", "日本領", "adjective", "as in 日本領 (Japanese territory)"),
    ("USA", "米国", "short", ""),
    ("USA", "アメリカ", "short", "also the Americas as a continent (南北アメリカ)"),
    ("USA", "アメリカ合衆国", "official", ""),
    ("USA", "合衆国", "alias", "also part of メキシコ合衆国; prefer longer matches"),
    ("USA", "米領", "adjective", "as in 米領グアム"),
    ("UKR", "ウクライナ", "short", ""),
    ("TWN", "台湾", "short", ""),
    ("TWN", "中華民国", "official", "Republic of China; name used by Taiwan's authorities"),
    ("BLR", "ベラルーシ", "short", ""),
    ("BLR", "白ロシア", "alias", "former Japanese name (Byelorussia)"),
    ("BLR", "ベラルーシ共和国", "official", ""),
    ("IRN", "イラン", "short", ""),
    ("VNM", "ベトナム", "short", ""),
    ("VNM", "ヴェトナム", "alias", "spelling variant"),
    ("MNG", "モンゴル", "short", "also the Mongols / Mongolia as a region"),
    ("MNG", "モンゴル国", "official", ""),
    ("IND", "インド", "short", ""),
    ("GBR", "英国", "short", ""),
    ("GBR", "イギリス", "short", ""),
    ("GBR", "連合王国", "alias", ""),
    ("GBR", "英領", "adjective", "as in 英領 (British territory)"),
    ("DEU", "ドイツ", "short", ""),
    ("DEU", "西ドイツ", "alias", "Federal Republic of Germany before 1990 (same state)"),
    ("FRA", "フランス", "short", ""),
    ("FRA", "仏領", "adjective", "as in 仏領ポリネシア"),
    ("AUS", "オーストラリア", "short", ""),
    ("AUS", "豪州", "short", ""),
    ("AUS", "オーストラリア連邦", "official", ""),
    # --- short forms and corrections for the rest of the world -----------------------
    ("AFG", "アフガニスタン・イスラム共和国", "official", "name of the 2004-2021 republic; the Taliban use アフガニスタン・イスラム首長国"),
    ("AFG", "アフガニスタン・イスラム首長国", "alias", "Taliban government's name (1996-2001, 2021-)"),
    ("ARE", "UAE", "alias", "Latin abbreviation used in Japanese text"),
    ("BIH", "ボスニア", "alias", "also the region of Bosnia"),
    ("BRN", "ブルネイ", "short", ""),
    ("BRN", "ブルネイ・ダルサラーム国", "official", ""),
    ("CAF", "中央アフリカ", "short", "also the region"),
    ("CAF", "中央アフリカ共和国", "official", ""),
    ("COD", "コンゴ民主共和国", "official", ""),
    ("COD", "ザイール", "alias", "former name (1971-1997)"),
    ("COG", "コンゴ", "short", "ambiguous: often used for コンゴ民主共和国 (COD)"),
    ("CPV", "カーボベルデ", "short", ""),
    ("CZE", "チェコ", "short", ""),
    ("DMA", "ドミニカ", "short", "ambiguous: often used for ドミニカ共和国 (DOM)"),
    ("DOM", "ドミニカ共和国", "official", ""),
    ("ERI", "エリトリア", "short", ""),
    ("ERI", "エリトリア国", "official", ""),
    ("FSM", "ミクロネシア", "short", "also the region"),
    ("FSM", "ミクロネシア連邦", "official", ""),
    ("GEO", "ジョージア", "short", "Japanese name since 2015; also the US state"),
    ("GEO", "グルジア", "alias", "Japanese name until 2015"),
    ("GRC", "ギリシア", "alias", "spelling variant"),
    ("GRC", "ギリシャ共和国", "official", ""),
    ("IRN", "イラン・イスラム共和国", "official", ""),
    ("KAZ", "カザフ", "alias", ""),
    ("KGZ", "キルギス", "short", ""),
    ("KGZ", "キルギスタン", "alias", "older form"),
    ("KNA", "セントクリストファー・ネービス", "short", ""),
    ("LAO", "ラオス人民民主共和国", "official", ""),
    ("MDA", "モルドバ共和国", "official", ""),
    ("MDA", "モルドヴァ", "alias", "spelling variant"),
    ("MKD", "マケドニア", "alias", "name until 2019; also the region"),
    ("MMR", "ミャンマー連邦共和国", "official", ""),
    ("MMR", "ビルマ", "alias", "former name"),
    ("PSE", "パレスチナ", "short", ""),
    ("PSE", "パレスチナ国", "official", ""),
    ("PSE", "パレスチナ自治区", "alias", "the Palestinian territories / Authority"),
    ("SAU", "サウジ", "short", ""),
    ("SWZ", "スワジランド", "alias", "former name (until 2018)"),
    ("SYR", "シリア・アラブ共和国", "official", ""),
    ("TJK", "タジク", "alias", ""),
    ("TUR", "テュルキエ", "alias", "name the state asked for in 2022; Japanese press mostly keeps トルコ"),
    ("TZA", "タンザニア", "short", ""),
    ("VAT", "バチカン", "short", ""),
    ("VAT", "バチカン市国", "official", ""),
    ("VAT", "ローマ教皇庁", "alias", "the Holy See"),
    ("VAT", "ローマ法王庁", "alias", "the Holy See (older form)"),
    ("VAT", "法王庁", "alias", "the Holy See (older form)"),
    ("VEN", "ベネズエラ・ボリバル共和国", "official", ""),
    ("ZAF", "南ア", "alias", "press short form"),
    # --- not in pycountry's current list ------------------------------------------
    ("XKX", "コソボ", "short", ""),
    ("XKX", "コソボ共和国", "official", ""),
    ("SUN", "ソ連", "short", "1922-1991"),
    ("SUN", "ソビエト連邦", "official", "1922-1991"),
    ("SUN", "ソビエト社会主義共和国連邦", "official", "1922-1991"),
    ("SUN", "ソヴィエト連邦", "alias", "spelling variant"),
    ("SUN", "旧ソ連", "alias", "'the former Soviet Union'"),
    ("SUN", "ソビエト", "adjective", "as in ソビエト軍; also 'council' (soviet)"),
]

KIND_RANK = {"short": 0, "official": 1, "alias": 2, "adjective": 3}


def pycountry_rows() -> dict[tuple[str, str], tuple[str, str]]:
    """(name, code) -> (kind, note) from pycountry's Japanese catalogue."""
    ja = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ja"])
    rows: dict[tuple[str, str], tuple[str, str]] = {}
    for c in pycountry.countries:
        code = c.alpha_3
        if code not in UN_MEMBERS and code not in EXTRA_ISO:
            continue
        has_common = hasattr(c, "common_name")
        cands = [(c.name, "official" if has_common else "short")]
        if hasattr(c, "official_name"):
            cands.append((c.official_name, "official"))
        if has_common:
            cands.append((c.common_name, "short"))
        for english, kind in cands:
            name = ja.gettext(english)
            if name == english:  # no translation
                continue
            name = name.strip()
            if (code, name) in EXCLUDE:
                continue
            key = (name, code)
            old = rows.get(key)
            if old is None or KIND_RANK[kind] < KIND_RANK[old[0]]:
                rows[key] = (kind, "")
    return rows


def english_name(code: str) -> str:
    if code in ENGLISH:
        return ENGLISH[code]
    c = pycountry.countries.get(alpha_3=code)
    return getattr(c, "common_name", None) or c.name if c else ""


def check_code(code: str) -> None:
    if code in NON_ISO:
        return
    if pycountry.countries.get(alpha_3=code) is None:
        raise SystemExit(f"not an ISO 3166-1 alpha-3 code: {code}")


def build() -> list[tuple[str, str, str, str]]:
    rows = pycountry_rows()
    for code, name, kind, note in SUPPLEMENT:
        if kind not in KINDS:
            raise SystemExit(f"bad kind {kind!r} for {name}")
        if unicodedata.normalize("NFKC", name) != name:
            raise SystemExit(f"name not in NFKC form: {name!r}")
        rows[(name, code)] = (kind, note)
    for name, code in rows:
        check_code(code)
    wanted = UN_MEMBERS | EXTRA_ISO | set(NON_ISO)
    missing = wanted - {code for _, code in rows}
    if missing:
        raise SystemExit(f"codes without a name: {sorted(missing)}")
    if len(UN_MEMBERS) != 193:
        raise SystemExit(f"UN member list has {len(UN_MEMBERS)} codes, expected 193")
    return sorted(
        ((name, code, kind, note) for (name, code), (kind, note) in rows.items()),
        key=lambda r: (r[1], r[0]),
    )


def main() -> int:
    out = build()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "code", "kind", "note", "name_en"])
    w.writerows(row + (english_name(row[1]),) for row in out)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{OUT}: {len(out)} rows, {len({r[1] for r in out})} codes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
