import pytest

from pipeline.table_io import spreadsheet_safe, unescape, write_csv


@pytest.mark.parametrize("cell,expected", [
    ("=1+1", "'=1+1"), ("+81", "'+81"), ("-x", "'-x"), ("@a", "'@a"), ("ロシア", "ロシア"), (5, 5),
    # full-width formula characters, leading spaces, TAB and CR (issue 18 item 8)
    ("＝1+1", "'＝1+1"), ("＋81", "'＋81"), ("－x", "'－x"), ("＠a", "'＠a"), ("  =1", "'  =1"), ("\u3000=1", "'\u3000=1"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("\tabc", "'\tabc"),
    # text that itself begins with an apostrophe is escaped too, so reading back is exact
    ("'=x", "''=x"), ("'hello", "''hello"), ("it's", "it's"),
])
def test_spreadsheet_safe(cell, expected):
    assert spreadsheet_safe(cell) == expected
    if isinstance(cell, str):
        assert unescape(spreadsheet_safe(cell)) == cell


def test_write_csv_bom_and_atomic(tmp_path):
    p = tmp_path / "t.csv"
    write_csv(p, ["a", "b"], [{"a": "x", "b": None}])
    assert p.read_bytes() == b"\xef\xbb\xbfa,b\r\nx,\r\n"
    assert [f.name for f in tmp_path.iterdir()] == ["t.csv"]


def test_written_files_are_readable_by_others_as_open_would_make_them(tmp_path):
    import os
    import stat

    from pipeline.table_io import FILE_MODE, write_csv

    write_csv(tmp_path / "t.csv", ["a"], [{"a": 1}])
    assert stat.S_IMODE(os.stat(tmp_path / "t.csv").st_mode) == FILE_MODE


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(alphabet=st.sampled_from(list("'=+-@＝＋－＠ \t\r\u3000aア日1")), max_size=6))
def test_escape_is_exactly_reversible_and_safe(cell):
    import unicodedata

    safe = spreadsheet_safe(cell)
    assert unescape(safe) == cell
    first = unicodedata.normalize("NFKC", safe).lstrip(" \u3000\t\r\n")[:1]
    assert first not in ("=", "+", "-", "@") and not safe.startswith(("\t", "\r"))
