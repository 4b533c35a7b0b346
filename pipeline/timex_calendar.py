"""Calendar arithmetic on partial dates for the temporal-expression stage.

A *partial date* is a tuple `(year, month, day)` in which any part may be None
(unknown).  Arithmetic propagates unknowns instead of guessing; formatting writes
unknown parts as `X` (`XXXX-09-13`), the TIMEX3 convention of the contract.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Optional, Tuple

Partial = Tuple[Optional[int], Optional[int], Optional[int]]

UNKNOWN: Partial = (None, None, None)

MIN_YEAR, MAX_YEAR = 1, 9998


def last_day(year: int | None, month: int | None) -> int | None:
    """Last day of a month; leap years right; None if it cannot be known."""
    if month is None or not 1 <= month <= 12:
        return None
    if year is None:
        return None if month == 2 else calendar.monthrange(2001, month)[1]
    return calendar.monthrange(year, month)[1]


def is_valid(year: int | None, month: int | None, day: int | None) -> bool:
    """True unless the known parts make an impossible date (2月30日, 2023-02-29)."""
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if not 1 <= day <= 31:
            return False
        if month is not None:
            limit = last_day(year, month) or 29
            if day > limit:
                return False
    return True


def add_months(year: int | None, month: int | None, k: int) -> tuple[int | None, int | None]:
    """Shift (year, month) by k months; an unknown year stays unknown."""
    if month is None:
        return None, None
    index = month - 1 + k
    new_month = index % 12 + 1
    if year is None:
        return None, new_month
    return year + index // 12, new_month


def add_days(point: Partial, k: int) -> Partial:
    y, m, d = point
    if y is None or m is None or d is None or not is_valid(y, m, d):
        return UNKNOWN
    try:
        new = dt.date(y, m, d) + dt.timedelta(days=k)
    except (OverflowError, ValueError):
        return UNKNOWN
    return new.year, new.month, new.day


def next_day_numbered(point: Partial, n: int) -> Partial:
    """`翌 20 日`: the first day numbered n after the reference day.

    If the reference day is unknown but its month is known, the search starts at the
    beginning of that month.
    """
    y, m, d = point
    if y is None or m is None:
        return UNKNOWN
    start_day = 0 if d is None else d
    if n > start_day and n <= (last_day(y, m) or 0):
        return y, m, n
    for k in range(1, 13):
        ny, nm = add_months(y, m, k)
        if ny is not None and n <= (last_day(ny, nm) or 0):
            return ny, nm, n
    return UNKNOWN


def iso(point: Partial) -> str:
    """`YYYY-MM-DD` if every part is known (and the date is real), else ''."""
    y, m, d = point
    if y is None or m is None or d is None or not is_valid(y, m, d):
        return ""
    return f"{y:04d}-{m:02d}-{d:02d}"


def fmt(point: Partial, precision: str = "day") -> str:
    """TIMEX3-style value with `X` for unknown parts, cut at `precision`."""
    y, m, d = point
    ys = "XXXX" if y is None else f"{y:04d}"
    if precision == "year":
        return ys
    ms = "XX" if m is None else f"{m:02d}"
    if precision == "month":
        return f"{ys}-{ms}"
    ds = "XX" if d is None else f"{d:02d}"
    return f"{ys}-{ms}-{ds}"


def month_bounds(year: int | None, month: int | None) -> tuple[Partial, Partial]:
    return (year, month, 1), (year, month, last_day(year, month))


def months_span(year: int | None, first_month: int, n_first: int, n_last: int) -> tuple[Partial, Partial]:
    """Months n_first..n_last (1-based, may exceed 12) counted from first_month of year."""
    y1, m1 = add_months(year, first_month, n_first - 1)
    y2, m2 = add_months(year, first_month, n_last - 1)
    return (y1, m1, 1), (y2, m2, last_day(y2, m2))


def iso_week(point: Partial) -> tuple[str, Partial, Partial]:
    """ISO week value `2024-W25` and its Monday..Sunday bounds."""
    y, m, d = point
    if iso(point) == "":
        return "XXXX-WXX", UNKNOWN, UNKNOWN
    day = dt.date(y, m, d)
    wy, wn, wd = day.isocalendar()
    monday = day - dt.timedelta(days=wd - 1)
    sunday = monday + dt.timedelta(days=6)
    return (
        f"{wy:04d}-W{wn:02d}",
        (monday.year, monday.month, monday.day),
        (sunday.year, sunday.month, sunday.day),
    )
