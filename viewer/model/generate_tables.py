"""Synthetic event tables for the benchmark and the tests: ACLED-style CSV and GDELT 1.0 / 2.0
exports (rows written per the GDELT event codebook), plain or zipped. Made column-wise with
numpy (a million rows in seconds)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from viewer.model.formats.gdelt_fields import FIELDS, cameo_codes

_COUNTRIES = ["ARMENIA", "AZERBAIJAN", "RUSSIA", "TURKEY", "IRAN", "GEORGIA", "FRANCE", ""]
_ROLES = ["", "POLICE", "MILITARY", "PROTESTER", "GOVERNMENT", "REBEL", "MEDIA"]


def _pick(rng: np.random.Generator, values: list[str], n: int) -> np.ndarray:
    return np.array(values, dtype=object)[rng.integers(0, len(values), n)]


def gdelt_lines(n: int, width: int = 61, seed: int = 0, places: int = 5000) -> list[str]:
    """``n`` tab-separated GDELT event rows of ``width`` fields (61, 58 or 57)."""
    rng = np.random.default_rng(seed)
    fields = FIELDS[width]
    codes = [c for c in cameo_codes() if len(c) >= 3]
    days = rng.integers(0, 3650, n)
    date = np.datetime64("2015-01-01") + days.astype("timedelta64[D]")
    sqldate = np.char.replace(date.astype(str).astype(object).astype(str), "-", "")
    a1 = _pick(rng, _COUNTRIES, n) + " " + _pick(rng, _ROLES, n)
    a2 = _pick(rng, _COUNTRIES, n) + " " + _pick(rng, _ROLES, n)
    code = _pick(rng, codes, n)
    place_no = rng.integers(0, places, n)
    lat = (place_no % 170 - 85 + 0.5).astype(str)
    lon = (place_no % 350 - 175 + 0.25).astype(str)
    cols: dict[str, np.ndarray] = {
        "GLOBALEVENTID": (np.arange(n) + 410_000_000).astype(str),
        "SQLDATE": sqldate,
        "Actor1Name": np.char.strip(a1.astype(str)),
        "Actor2Name": np.char.strip(a2.astype(str)),
        "EventCode": code,
        "EventBaseCode": np.array([c[:3] for c in code], dtype=object),
        "EventRootCode": np.array([c[:2] for c in code], dtype=object),
        "QuadClass": rng.integers(1, 5, n).astype(str),
        "GoldsteinScale": np.round(rng.uniform(-10, 10, n) * 2) / 2,
        "NumMentions": rng.integers(1, 50, n).astype(str),
        "NumSources": rng.integers(1, 5, n).astype(str),
        "NumArticles": rng.integers(1, 50, n).astype(str),
        "AvgTone": np.round(rng.normal(-2, 3, n), 6).astype(str),
        "ActionGeo_Type": np.full(n, "4"),
        "ActionGeo_FullName": np.array(
            [f"Village {k}, Region {k % 37}, Country" for k in range(places)], dtype=object
        )[place_no],
        "ActionGeo_Lat": lat,
        "ActionGeo_Long": lon,
        "DATEADDED": sqldate.astype(object) + "120000",
        "SOURCEURL": np.array(
            [f"https://news.example.org/{k}/story.html" for k in range(max(n // 5, 1))],
            dtype=object,
        )[rng.integers(0, max(n // 5, 1), n)],
        "IsRootEvent": np.full(n, "1"),
        "MonthYear": np.array([s[:6] for s in sqldate.tolist()], dtype=object),
        "Year": np.array([s[:4] for s in sqldate.tolist()], dtype=object),
    }
    cols["GoldsteinScale"] = cols["GoldsteinScale"].astype(str)
    empty = np.full(n, "", dtype=object)
    columns = [cols.get(f, empty).astype(object) for f in fields]
    rows = columns[0]
    for c in columns[1:]:
        rows = rows + "\t" + c
    return rows.tolist()


def write_gdelt(
    path: Path, n: int, width: int = 61, seed: int = 0, zipped: bool = False, places: int = 5000
) -> Path:
    """A GDELT export of ``n`` rows at ``path`` (zipped: a .zip holding NAME.export.CSV)."""
    text = "\n".join(gdelt_lines(n, width, seed, places)) + "\n"
    if zipped:
        member = path.name.removesuffix(".zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(member, text)
    else:
        path.write_text(text, encoding="utf-8", newline="\n")
    return path


ACLED_HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "tags",
]


def write_acled(path: Path, n: int, seed: int = 0, places: int = 5000, same_name: int = 0) -> Path:
    """An ACLED-style table of ``n`` rows; with ``same_name`` > 0, that many location names each
    come with a new coordinate on every row (villages of one name, refined coordinates)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, 3650, n)
    date = (np.datetime64("2015-01-01") + days.astype("timedelta64[D]")).astype(str)
    kinds = [
        ("Political violence", "Battles", "Armed clash"),
        ("Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Demonstrations", "Protests", "Peaceful protest"),
        ("Strategic developments", "Strategic developments", "Non-violent transfer of territory"),
    ]
    k = rng.integers(0, len(kinds), n)
    place_no = rng.integers(0, places, n)
    if same_name:
        names = np.array([f"Village {j}" for j in range(same_name)], dtype=object)
        location = names[np.arange(n) % same_name]
        lat = (np.arange(n) * 1e-4 % 80).round(4).astype(str)
        lon = (np.arange(n) * 2e-4 % 170).round(4).astype(str)
    else:
        location = np.array([f"Place {j}" for j in range(places)], dtype=object)[place_no]
        lat = (place_no % 160 - 80 + 0.5).astype(str)
        lon = (place_no % 340 - 170 + 0.25).astype(str)
    actors = np.array(
        [f"Military Forces of Country {j}" for j in range(40)] + ["Protesters", ""],
        dtype=object,
    )
    cols = {
        "event_id_cnty": np.array([f"XYZ{i + 1}" for i in range(n)], dtype=object),
        "event_date": date,
        "year": np.array([d[:4] for d in date.tolist()], dtype=object),
        "time_precision": rng.choice(["1", "1", "1", "2", "3"], n),
        "disorder_type": np.array([kinds[j][0] for j in range(4)], dtype=object)[k],
        "event_type": np.array([kinds[j][1] for j in range(4)], dtype=object)[k],
        "sub_event_type": np.array([kinds[j][2] for j in range(4)], dtype=object)[k],
        "actor1": actors[rng.integers(0, 40, n)],
        "assoc_actor_1": np.full(n, "", dtype=object),
        "actor2": actors[rng.integers(0, 42, n)],
        "assoc_actor_2": np.full(n, "", dtype=object),
        "country": np.full(n, "Country", dtype=object),
        "admin1": np.full(n, "Region", dtype=object),
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "source": rng.choice(["Agency A", "Agency B; Paper C", "Radio D"], n),
        "notes": np.array(
            [f"On that day, event number {i} was reported." for i in range(n)], dtype=object
        ),
        "fatalities": rng.integers(0, 4, n).astype(str),
        "tags": np.full(n, "", dtype=object),
    }
    rows = np.full(n, "", dtype=object)
    for j, name in enumerate(ACLED_HEADER):
        cells = cols[name].astype(object)
        if name == "notes":
            cells = '"' + cells + '"'
        rows = cells if j == 0 else rows + "," + cells
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(ACLED_HEADER) + "\n")
        fh.write("\n".join(rows.tolist()) + "\n")
    return path


def _write_rows(
    path: Path, header: list[str], cols: dict[str, np.ndarray], quoted: set[str]
) -> None:
    rows = np.full(len(next(iter(cols.values()))), "", dtype=object)
    for j, name in enumerate(header):
        cells = cols[name].astype(object)
        if name in quoted:
            cells = '"' + cells + '"'
        rows = cells if j == 0 else rows + "," + cells
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(",".join(header) + "\n")
        fh.write("\n".join(rows.tolist()) + "\n")


def _days(rng: np.random.Generator, n: int) -> np.ndarray:
    days = rng.integers(0, 3650, n)
    return (np.datetime64("2015-01-01") + days.astype("timedelta64[D]")).astype(str).astype(object)


def write_events_csv(path: Path, n: int, seed: int = 0, places: int = 5000) -> Path:
    """A table of ``n`` rows in the viewer's own CSV format (``convert --to csv``): day and
    month dates, statuses, kinds, two actors of 300, a place of ``places``, tags, and a quote
    on one row in a thousand."""
    from viewer.model.formats.events_csv import COLUMNS

    rng = np.random.default_rng(seed)
    date = _days(rng, n)
    month = rng.random(n) < 0.1
    place = rng.integers(0, places, n)
    actors = np.array([f"Actor {j}" for j in range(300)], dtype=object)
    quote = '"[{""id"": ""q-{}"", ""text"": ""We will be there."", ""speaker"": ""Actor 1""}]"'
    cols = {c: np.full(n, "", dtype=object) for c in COLUMNS}
    cols |= {
        "id": np.array([f"ev-{i + 1}" for i in range(n)], dtype=object),
        "start": np.where(month, np.array([d[:7] for d in date.tolist()], dtype=object), date),
        "precision": np.where(month, "month", "day").astype(object),
        "approximate": np.where(rng.random(n) < 0.05, "true", "").astype(object),
        "status": rng.choice(["occurred"] * 18 + ["planned", "ongoing"], n).astype(object),
        "kind": rng.choice([f"Kind {j}" for j in range(8)], n).astype(object),
        "title": np.array([f"Event {i + 1} at Place {p}" for i, p in enumerate(place.tolist())]),
        "summary": np.array([f"Reported on that day: event {i + 1}." for i in range(n)]),
        "actors": actors[rng.integers(0, 300, n)] + "; " + actors[rng.integers(0, 300, n)],
        "places": np.array([f"Place {j}" for j in range(places)], dtype=object)[place],
        "tags": rng.choice(["", "verified", "verified; disputed", "rumour"], n).astype(object),
        "quotes": np.array(
            [quote.replace("{}", str(i)) if q else "" for i, q in enumerate(rng.random(n) < 0.001)],
            dtype=object,
        ),
    }
    _write_rows(path, list(COLUMNS), cols, {"summary"})
    return path


SHEET_HEADER = [
    "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
    "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
    "Media Thumbnail", "Alt Text", "Type", "Group", "Background",
]  # fmt: skip


def write_sheet(path: Path, n: int, seed: int = 0, places: int = 5000) -> Path:
    """The TimelineJS Sheets template as CSV with ``n`` event rows (and a title row): days
    and months, groups, plain headlines and texts, and media on one row in a thousand."""
    rng = np.random.default_rng(seed)
    date = _days(rng, n)
    month = rng.random(n) < 0.1
    place = rng.integers(0, places, n)
    media = rng.random(n) < 0.001
    cols = {c: np.full(n, "", dtype=object) for c in SHEET_HEADER}
    cols |= {
        "Year": np.array([d[:4] for d in date.tolist()], dtype=object),
        "Month": np.array([str(int(d[5:7])) for d in date.tolist()], dtype=object),
        "Day": np.where(month, "", np.array([str(int(d[8:])) for d in date.tolist()], object)),
        "Headline": np.array([f"Event {i + 1} at Place {p}" for i, p in enumerate(place.tolist())]),
        "Text": np.array([f"Reported on that day: event {i + 1}." for i in range(n)]),
        "Media": np.where(media, "https://example.org/photo.jpg", "").astype(object),
        "Media Credit": np.where(media, "Agency A", "").astype(object),
        "Group": rng.choice([f"Group {j}" for j in range(8)], n).astype(object),
    }
    _write_rows(path, SHEET_HEADER, cols, {"Text"})
    with path.open("r+", encoding="utf-8") as fh:  # the title row, first
        body = fh.read()
        head, rest = body.split("\n", 1)
        title = ",".join(
            "title" if c == "Type" else "A timeline" if c == "Headline" else ""
            for c in SHEET_HEADER
        )
        fh.seek(0)
        fh.write(head + "\n" + title + "\n" + rest)
    return path
