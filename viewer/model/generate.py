"""Synthetic datasets in the native format, for benchmarks and tests at scale.

Written as native JSON, or as Parquet (:mod:`viewer.model.generate_parquet`) with the same
events. Realistic in shape: bursts of activity over ten years, 8 kinds (lanes), a few hundred
actors and places, ~10% intervals, ~5% planned events, approximate dates and times of day,
titles such as "Protest in Varenholm", and a few quotes anchored in small generated source
texts. The output is byte-identical for a seed; events are written one per line (which the
fast loader exploits).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import orjson

from viewer.model.dataset import text_sha256
from viewer.model.dates import DAY, days_from_civil
from viewer.model.output import open_output

KINDS = (
    ("protest", "Protest in {place}"),
    ("strike", "Strike at {place}"),
    ("election", "Vote count in {place}"),
    ("attack", "Shelling reported near {place}"),
    ("statement", "{actor} comments on {place}"),
    ("meeting", "{actor} meets officials in {place}"),
    ("ceasefire", "Ceasefire talks over {place}"),
    ("disaster", "Flooding in {place}"),
)
SYLLABLES = [
    "var",
    "ren",
    "holm",
    "ka",
    "lin",
    "dor",
    "ost",
    "mar",
    "vel",
    "ta",
    "bri",
    "ash",
    "gen",
    "sul",
    "no",
    "rik",
    "zan",
    "te",
    "lo",
    "us",
    "mir",
    "ba",
    "kel",
    "jar",
    "ov",
    "ia",
]
FIRST = [
    "Ana",
    "Bo",
    "Chen",
    "Dara",
    "Emil",
    "Farah",
    "Goran",
    "Hana",
    "Ivo",
    "Jana",
    "Kemal",
    "Lena",
    "Milo",
    "Nadia",
    "Omar",
    "Petra",
]
TAGS = ("verified", "disputed", "breaking", "follow-up", "official", "eyewitness")
T_FIRST = days_from_civil(2015, 1, 1) * DAY
T_LAST = days_from_civil(2025, 1, 1) * DAY
N_SOURCES = 5


def _name(rng: np.random.Generator, parts: int) -> str:
    return "".join(SYLLABLES[int(k)] for k in rng.integers(0, len(SYLLABLES), parts)).title()


def _iso(t: np.ndarray, prec: np.ndarray, offset_min: np.ndarray) -> list[str]:
    """ISO strings of epoch seconds at precision codes 0 year .. 3 minute (vectorised)."""
    local = (t + offset_min * 60).astype("datetime64[s]")
    out = np.empty(len(t), dtype=object)
    for code, unit in enumerate(("Y", "M", "D", "m")):
        sel = prec == code
        out[sel] = np.datetime_as_string(local[sel], unit=unit).astype(object)
    timed = prec == 3
    zone = np.where(offset_min == 0, "Z", np.where(offset_min == 180, "+03:00", "+02:00"))
    out[timed] = out[timed] + zone[timed].astype(object)
    return out.tolist()


def _sources(rng: np.random.Generator, actors: list[dict], places: list[dict]) -> list[dict]:
    out = []
    for k in range(N_SOURCES):
        sentences, quotes = [], []
        for _ in range(12):
            who = actors[int(rng.integers(len(actors)))]
            where = places[int(rng.integers(len(places)))]["name"]
            words = f"We will rebuild {where} before winter"
            pre = f"{who['name']} spoke in {where} on day {int(rng.integers(1, 300))}. "
            sentences.append(f'{pre}"{words}," {who["name"]} said. ')
            quotes.append((words, who["id"]))
        text = "".join(sentences)
        out.append(
            {
                "id": f"src{k}",
                "title": f"Report {k + 1} from the region",
                "publisher": "Generated Wire",
                "published": "2020-06-01",
                "language": "en",
                "text": text,
                "sha256": text_sha256(text),
                "_quotes": quotes,
            }
        )
    return out


def _quote(src: dict, j: int, qid: str) -> dict:
    words, speaker = src["_quotes"][j]
    text = src["text"]
    # the j-th sentence's quote: find it after the j-th opening quotation mark
    pos = -1
    for _ in range(j + 1):
        pos = text.index('"', pos + 1)
        pos = text.index('"', pos + 1)
    start = text.rindex('"', 0, pos) + 1
    end = start + len(words)
    return {
        "id": qid,
        "speaker": speaker,
        "text": words,
        "form": "direct",
        "source": src["id"],
        "selector": {
            "exact": words,
            "prefix": text[max(0, start - 32) : start],
            "suffix": text[end : end + 32],
            "start": start,
            "end": end,
        },
    }


def generate(path: str | Path, n_events: int, seed: int = 0) -> None:
    """Write a synthetic dataset of ``n_events`` events to ``path`` (deterministic): native
    JSON, or a Parquet dataset where the name ends in ``.parquet`` (written column by column,
    the same events)."""
    d = draw(n_events, seed)
    if str(path).lower().endswith(".parquet"):
        from viewer.model.generate_parquet import write_generated

        write_generated(d, path)
        return
    _write_json(d, path)


def draw(n_events: int, seed: int = 0) -> dict[str, Any]:
    """The random draws of a generated dataset (the same for every output format)."""
    rng = np.random.default_rng(seed)
    n = int(n_events)
    actors = [
        {"id": f"a{k}", "name": f"{FIRST[k % len(FIRST)]} {_name(rng, 2)}", "kind": "person"}
        for k in range(200)
    ]
    places = [
        {"id": f"p{k}", "name": _name(rng, 2 + k % 2), "kind": "city", "aliases": []}
        for k in range(300)
    ]
    for k in range(0, 300, 7):
        places[k]["aliases"] = [places[k]["name"] + "a"]
    sources = _sources(rng, actors, places)

    # times: half uniform over ten years, half in bursts of a few days to a month
    n_burst = n // 2
    centres = rng.uniform(T_FIRST, T_LAST, 300)
    widths = rng.exponential(7 * DAY, 300) + DAY
    which = rng.integers(0, 300, n_burst)
    t = np.concatenate(
        [rng.uniform(T_FIRST, T_LAST, n - n_burst), rng.normal(centres[which], widths[which])]
    )
    t = np.clip(t, T_FIRST, T_LAST - 60 * DAY)
    t = t[rng.permutation(n)]
    kind = rng.choice(len(KINDS), n, p=[0.22, 0.1, 0.05, 0.2, 0.18, 0.12, 0.05, 0.08])
    prec = rng.choice(4, n, p=[0.03, 0.09, 0.7, 0.18])  # year, month, day, minute
    interval = rng.random(n) < 0.1
    length = rng.exponential(6 * DAY, n) + DAY
    status = rng.choice(5, n, p=[0.93, 0.02, 0.04, 0.007, 0.003])
    approx = rng.random(n) < 0.08
    uncertain = rng.random(n) < 0.02
    n_actors = rng.choice(3, n, p=[0.2, 0.6, 0.2])
    actor_ids = rng.integers(0, len(actors), (n, 2))
    place_ids = rng.integers(0, len(places), n)
    no_place = rng.random(n) < 0.05
    has_summary = rng.random(n) < 0.1
    tag = rng.integers(-12, len(TAGS), n)
    quoted = rng.random(n) < (0.001 if n > 5000 else 0.02)
    quoted[: min(n, 3)] = True
    offsets = rng.choice(3, n, p=[0.8, 0.1, 0.1])
    off = np.where(prec == 3, np.array([0, 180, 120])[offsets], 0)
    t = np.where(prec == 3, t // 60 * 60, t)
    has_end = interval & (prec >= 2)
    header = {
        "format": "timeline-dataset",
        "version": 1,
        "title": f"Synthetic chronology ({n:,} events, seed {seed})",
        "description": "Generated by `timeline-viewer generate` for benchmarks; not real events.",
        "license": "CC0-1.0",
        "sources": [{k: v for k, v in s.items() if k != "_quotes"} for s in sources],
        "actors": actors,
        "places": places,
    }
    return {
        "n": n,
        "header": header,
        "sources": sources,
        "actors": actors,
        "places": places,
        "t": t,
        "length": length,
        "kind": kind,
        "prec": prec,
        "has_end": has_end,
        "approx": approx,
        "uncertain": uncertain,
        "status": status,
        "n_actors": n_actors,
        "actor_ids": actor_ids,
        "place_ids": place_ids,
        "no_place": no_place,
        "has_summary": has_summary,
        "tag": tag,
        "quoted": quoted,
        "off": off,
    }


def quote_of(d: dict[str, Any], i: int) -> tuple[dict[str, Any], str]:
    """The quote of a quoted event and the id of its source."""
    src = d["sources"][i % N_SOURCES]
    return _quote(src, i % 12, f"q{i}"), src["id"]


def _write_json(d: dict[str, Any], path: str | Path) -> None:
    n, header, actors, places = d["n"], d["header"], d["actors"], d["places"]
    t, length, prec, has_end, off = d["t"], d["length"], d["prec"], d["has_end"], d["off"]
    starts = _iso(t, prec, off)
    ends = _iso(t + np.where(has_end, length, 0.0), prec, off)
    precisions = ("year", "month", "day", "minute")
    statuses = ("occurred", "ongoing", "planned", "postponed", "cancelled")
    kind, approx, uncertain, status = d["kind"], d["approx"], d["uncertain"], d["status"]
    n_actors, actor_ids, place_ids = d["n_actors"], d["actor_ids"], d["place_ids"]
    no_place, has_summary, tag, quoted = d["no_place"], d["has_summary"], d["tag"], d["quoted"]
    # plain lists: indexing them per event is several times faster than numpy scalars
    kind, prec, has_end, approx, uncertain = (
        a.tolist() for a in (kind, prec, has_end, approx, uncertain)
    )
    status, n_actors, actor_ids, place_ids = (
        a.tolist() for a in (status, n_actors, actor_ids, place_ids)
    )
    no_place, has_summary, tag, quoted = (a.tolist() for a in (no_place, has_summary, tag, quoted))
    head = orjson.dumps(header)
    lines: list[bytes] = []
    path = Path(path)
    with open_output(path, "wb") as fh:
        fh.write(head[:-1] + b',"events":[\n')
        for i in range(n):
            k = kind[i]
            p = precisions[prec[i]]
            when: dict = {"start": starts[i], "precision": p}
            if has_end[i]:
                when["end"] = ends[i]
            if approx[i] and p != "minute":
                when["approximate"] = True
            if uncertain[i]:
                when["uncertain"] = True
            place = places[place_ids[i]]
            acts = [actors[a] for a in actor_ids[i][: n_actors[i]]]
            if len(acts) == 2 and acts[0] is acts[1]:
                acts = acts[:1]
            title = KINDS[k][1].format(
                place=place["name"], actor=acts[0]["name"] if acts else "The government"
            )
            ev: dict = {"id": f"e{i:07d}", "title": title, "when": when, "kind": KINDS[k][0]}
            st = status[i]
            if st:
                ev["status"] = statuses[st]
            if has_summary[i]:
                ev["summary"] = f"Reports from {place['name']} describe the {KINDS[k][0]}."
            if acts:
                ev["actors"] = [a["id"] for a in acts]
            if not no_place[i]:
                ev["places"] = [place["id"]]
            if tag[i] >= 0:
                ev["tags"] = [TAGS[tag[i]]]
            if quoted[i]:
                quote, source_id = quote_of(d, i)
                ev["quotes"] = [quote]
                ev["citations"] = [source_id]
            lines.append(orjson.dumps(ev))
            if len(lines) >= 20000:
                fh.write(b",\n".join(lines))
                fh.write(b",\n" if i < n - 1 else b"\n")
                lines = []
        if lines:
            fh.write(b",\n".join(lines) + b"\n")
        fh.write(b"]}\n")
