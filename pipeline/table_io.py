"""Writing the output tables: UTF-8 with BOM, sorted, spreadsheet-safe, atomic (SPEC §3)."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

FORMULA_START = ("=", "+", "-", "@")
CONTROL_START = ("\t", "\r")
ESCAPE = "'"


def _formula_like(value: str) -> bool:
    """A spreadsheet would read the cell as a formula (OWASP CSV injection): it starts with
    `= + - @`, also after NFKC (`＝ ＋ － ＠`) and after leading spaces, or with TAB or CR."""
    import unicodedata

    if value.startswith(CONTROL_START):
        return True
    return unicodedata.normalize("NFKC", value).lstrip(" \u3000\t\r\n").startswith(FORMULA_START)


def spreadsheet_safe(value: object) -> object:
    """Prefix a text cell that a spreadsheet would read as a formula with an apostrophe; a cell
    that itself begins with an apostrophe gets one too, so that `unescape` is exactly inverse."""
    if isinstance(value, str) and (value.startswith(ESCAPE) or _formula_like(value)):
        return ESCAPE + value
    return value


def unescape(value: str) -> str:
    """Inverse of spreadsheet_safe for a cell read back from our CSV: one leading apostrophe
    before a formula-like cell or before another apostrophe is the escape."""
    if value.startswith(ESCAPE) and (value[1:2] == ESCAPE or _formula_like(value[1:])):
        return value[1:]
    return value


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV written by write_csv (or any UTF-8 CSV with a header) as dicts of
    strings, spreadsheet escapes undone; cells with line breaks are kept whole."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: unescape(v or "") for k, v in row.items() if k is not None} for row in csv.DictReader(fh)]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


FILE_MODE = 0o666 & ~_umask()  # what open() would give; mkstemp alone gives 0600


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.chmod(tmp, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class CsvStream:
    """A CSV written row by row into a temporary file beside `path`, which replaces `path` only
    on commit(), so that rows never pile up in memory and a failed run leaves the old file."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path, self.columns, self.n = path, tuple(columns), 0
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.chmod(self.tmp, FILE_MODE)
        self.fh = os.fdopen(fd, "w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.fh, lineterminator="\r\n")
        self.writer.writerow(self.columns)

    def write(self, rows: Iterable[Mapping[str, object]]) -> None:
        for row in rows:
            self.writer.writerow(["" if row.get(c) is None else spreadsheet_safe(row.get(c)) for c in self.columns])
            self.n += 1

    def commit(self) -> int:
        self.fh.close()
        os.replace(self.tmp, self.path)
        return self.n

    def abort(self) -> None:
        self.fh.close()
        if os.path.exists(self.tmp):
            os.unlink(self.tmp)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> int:
    """Write rows (already in their final order) as CSV with a BOM; return the row count."""
    stream = CsvStream(path, columns)
    try:
        stream.write(rows)
    except BaseException:
        stream.abort()
        raise
    return stream.commit()
