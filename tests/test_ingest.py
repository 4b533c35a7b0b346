import codecs

import pytest

from pipeline.dateline import find_dateline, parse_dateline
from pipeline.ingest import IngestError, decode_bytes

TEXT = "ロシアと北朝鮮は2024年6月19日に平壌で包括的戦略パートナーシップ条約に署名した。"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("cp932"), "cp932"),
        (TEXT.encode("euc_jp"), "euc_jp"),
    ],
)
def test_decodes_japanese_encodings(data, encoding):
    text, enc = decode_bytes(data)
    assert text == TEXT
    assert enc == encoding


def test_crlf_kept_as_read():
    text, _ = decode_bytes("一行目\r\n二行目".encode("utf-8"))
    assert text == "一行目\r\n二行目"


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\xff\xfe\xfa\xfb\x80\x81\xfd\xfe" * 10, "undecodable"),
    ],
)
def test_bad_input_is_a_one_line_error(data, message):
    with pytest.raises(IngestError) as exc:
        decode_bytes(data)
    assert message in str(exc.value)
    assert "\n" not in str(exc.value)


def test_too_large():
    with pytest.raises(IngestError, match="too large"):
        decode_bytes(b"a" * 101, max_bytes=100)


@pytest.mark.parametrize(
    "line,expected",
    [
        ("2024年7月12日", "2024-07-12"),
        ("掲載日：2024年7月12日", "2024-07-12"),
        ("公開日: ２０２４年１１月８日", "2024-11-08"),
        ("令和5年12月25日", "2023-12-25"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("2024/11/08", "2024-11-08"),
        ("2024 年 6 月 19 日（水）", "2024-06-19"),
        ("2024年2月30日", None),
        ("2024年7月12日に両国は会談し、条約に署名したと報じられた長い文である。", None),
        ("2024年", None),
        # with a weekday, a clock time or a few words on the line (issue 15)
        ("2024年6月19日(水)20時38分", "2024-06-19"),
        ("2023/11/22 15:30", "2023-11-22"),
        ("2025年9月10日　コラム", "2025-09-10"),
        ("2025年1月6日 更新", "2025-01-06"),
        ("更新日 2023年4月2日", "2023-04-02"),
        ("2024.11.08", "2024-11-08"),
        ("平成二十七年七月十五日（水曜日）", "2015-07-15"),
        ("（令和6年4月16日（火曜日）10時14分）", "2024-04-16"),
        ("R3.7.18", "2021-07-18"),
        # an infobox field or a sentence is not a dateline; a month is not a day
        ("日付　2021年2月1日", None),
        ("2024年6月、両国は会談した", None),
        ("2024年6月", None),
    ],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


@pytest.mark.parametrize("text,expected", [
    ("題名\n\n本文である。\n\n最終更新 2025年8月24日", "2025-08-24"),
    ("題名\n\n本文である。\n\n最終更新 2025年8月24日 (日) 09:12 （日時は個人設定で未設定ならばUTC）。", "2025-08-24"),
    ("題名\n\n本文である。\n（2025年3月4日）\n", "2025-03-04"),
    ("題名\n\n本文である。\n\n2024年7月12日 掲載", "2024-07-12"),
    ("題名\n\n本文は2024年7月12日に書かれた。", None),
])
def test_update_line_at_the_end(text, expected):
    assert find_dateline(text) == expected


def test_find_dateline_in_first_lines_only():
    head = "題名\n\n著者\n\n2024年1月18日\n\n本文。"
    assert find_dateline(head) == "2024-01-18"
    late = "\n".join(["本文。"] * 20) + "\n2024年1月18日"
    assert find_dateline(late) is None


JAPANESE = "2024年6月19日、ロシアと北朝鮮は平壌で包括的戦略パートナーシップ条約に署名した。" * 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "cp932", "euc_jp"])
def test_japanese_in_each_encoding_reads_back(encoding):
    text, _ = decode_bytes(JAPANESE.encode(encoding))
    assert text == JAPANESE


def test_korean_in_euc_kr_is_refused_not_read_as_japanese():
    korean = "대한민국 정부는 북한의 미사일 발사를 강력히 규탄하고 국제사회와 긴밀히 협력하겠다고 밝혔다. " * 4
    with pytest.raises(IngestError, match="implausible Japanese"):
        decode_bytes(korean.encode("euc_kr"))


def test_random_high_bytes_are_refused():
    import random

    rng = random.Random(3)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(2000))
    with pytest.raises(IngestError):
        decode_bytes(data)
