"""Dates in table cells: partial ISO dates ('2020', '2020-11-25', '2020-11-25T10:00') and the
spelled-out forms of ACLED exports ('25 November 2020', '25-Nov-2020', 'November 2020')."""

from __future__ import annotations

import re

from viewer.model.dates import MONTHS, DateError, PartialDate, parse_date

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SPELLED = re.compile(r"^(?:(\d{1,2})[ \-/])?([A-Za-z]{3,9})\.?[ \-/,]+(\d{4})$")
_MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS, 1)} | {
    m[:3].lower(): i for i, m in enumerate(MONTHS, 1)
}
_NO_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2})?$")
EXPECTED = "expected a date such as 2020-11-25, 2020-11, 2020 or 25 November 2020"


def parse_cell_date(text: str) -> tuple[PartialDate, bool]:
    """A cell's date and whether a time without offset was taken as UTC; raise DateError."""
    s = text.strip()
    m = _ISO_DAY.match(s)
    if m is not None:  # the common case, kept cheap for million-row tables
        try:
            return parse_date(s), False
        except DateError as exc:
            raise DateError(str(exc)) from None
    m = _SPELLED.match(s)
    if m is not None:
        month = _MONTH_NUMBER.get(m[2].lower())
        if month is None:
            raise DateError(f"'{s[:40]}' has no month name; {EXPECTED}")
        iso = f"{m[3]}-{month:02d}" + (f"-{int(m[1]):02d}" if m[1] else "")
        return parse_date(iso), False
    utc = bool(_NO_OFFSET.search(s))
    try:
        return parse_date(s + "Z" if utc else s), utc
    except DateError:
        raise DateError(f"'{s[:40]}' is not a date; {EXPECTED}") from None
