import pytest

from pipeline.table_io import spreadsheet_safe, unescape, write_csv


@pytest.mark.parametrize("cell,expected", [("=1+1", "'=1+1"), ("+81", "'+81"), ("-x", "'-x"), ("@a", "'@a"), ("ロシア", "ロシア"), (5, 5)])
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
