"""Read ACLED-style CSV event tables (recognised by the columns event_date and event_type).

Mapping: ``event_id_cnty`` -> id; ``event_type`` -> kind (the lane); title = sub_event_type +
" in " + location + " (" + actor1 + ")"; ``notes`` -> summary; actor1, assoc_actor_1, actor2,
assoc_actor_2 -> actors (one record per name; assoc columns hold "A; B"); location + latitude /
longitude -> a place; ``source`` ("A; B") -> sources the event cites; disorder_type,
sub_event_type, ``tags`` and fatalities -> tags. ``time_precision``:

- 1 (or empty): the day is known -> day precision;
- 2: the event happened within the week around event_date -> day precision, approximate;
- 3: only the month is known (ACLED then gives a date in that month) -> month precision,
  approximate.

The ``event_date`` as written is kept in ``when.text`` when the precision is not 1. Tables are
read column-wise by :mod:`.acled_arrow`; :func:`acled_event` is the reference mapping of one
row, used there for rows of unusual cells.
"""

from __future__ import annotations

from typing import Any

from viewer.model.dates import DateError, PartialDate, format_date

from .builder import DatasetBuilder
from .cell_dates import parse_cell_date
from .csv_table import CellError, Table

FORMAT = "acled"
ACLED_BASIS = {
    2: "ACLED time_precision 2: within the week around event_date {date}",
    3: "ACLED time_precision 3: only the month is known (event_date {date})",
}


def looks_like_acled(table: Table) -> bool:
    return table.has("eventdate", "eventtype")


def split_cell(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()] if value else []


ACLED_COLUMNS = (
    "eventidcnty",
    "eventdate",
    "timeprecision",
    "disordertype",
    "eventtype",
    "subeventtype",
    "actor1",
    "assocactor1",
    "actor2",
    "assocactor2",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "tags",
)


def acled_event(b: DatasetBuilder, v: dict[str, str]) -> dict[str, Any]:
    date_text = v["eventdate"]
    if not date_text:
        raise CellError("eventdate", "the date is empty; expected a date such as 2020-11-25")
    try:
        date, _ = parse_cell_date(date_text)
    except DateError as exc:
        raise CellError("eventdate", str(exc)) from None
    tp = v["timeprecision"] or "1"
    if tp not in ("1", "2", "3"):
        raise CellError("timeprecision", f"got {tp[:20]!r}; expected 1, 2 or 3")
    precision = int(tp)
    when: dict[str, Any]
    if precision == 3 and date.month is not None:
        when = {"start": format_date(PartialDate(date.year, date.month)), "precision": "month"}
    else:
        when = {"start": format_date(date), "precision": date.precision}
    if precision > 1:
        when.update(
            approximate=True, text=date_text, basis=ACLED_BASIS[precision].format(date=date_text)
        )
    kind = v["eventtype"] or "event"
    what = v["subeventtype"] or kind
    title = f"{what} in {v['location']}" if v["location"] else what
    if v["actor1"]:
        title += f" ({v['actor1']})"
    names = [v["actor1"], *split_cell(v["assocactor1"]), v["actor2"], *split_cell(v["assocactor2"])]
    actors = list(dict.fromkeys(b.actor(n, "group") for n in names if n))
    event: dict[str, Any] = {
        "id": b.event_id(v["eventidcnty"] or f"row-{len(b.events) + 2}"),
        "title": title,
        "summary": v["notes"],
        "when": when,
        "kind": kind,
        "actors": actors,
    }
    if v["location"]:
        event["places"] = [b.place(v["location"], *acled_coordinates(v))]
    tags = [t for t in (v["disordertype"], v["subeventtype"]) if t] + split_cell(v["tags"])
    if v["fatalities"] not in ("", "0"):
        if not v["fatalities"].isdigit():
            raise CellError("fatalities", f"got {v['fatalities'][:20]!r}; expected a whole number")
        tags.append(f"fatalities: {v['fatalities']}")
    if tags:
        event["tags"] = tags
    sources = split_cell(v["source"])
    if sources:
        event["citations"] = [b.source(s, None, publisher=s) for s in dict.fromkeys(sources)]
    return event


def acled_coordinates(v: dict[str, str]) -> tuple[float | None, float | None]:
    if not v["latitude"] and not v["longitude"]:
        return None, None
    out = []
    for key, limit in (("latitude", 90), ("longitude", 180)):
        try:
            x = float(v[key])
        except ValueError:
            raise CellError(key, f"got {v[key][:20]!r}; expected a number") from None
        if not -limit <= x <= limit:
            raise CellError(key, f"{x} is out of range; expected -{limit}..{limit}")
        out.append(x)
    return out[0], out[1]
