"""The layout of a dataset in a Parquet file (written by :mod:`.parquet_write`, read by
:mod:`.parquet`): one row per event, the document parts as JSON in the file's key-value
metadata. Written down once here; the JSON Schema's description quotes :data:`DESCRIPTION`.
"""

from __future__ import annotations

import pyarrow as pa

MAGIC = b"PAR1"
META_KEY = b"timeline-dataset"  # the document parts: the native JSON object without "events"
LAYOUT_KEY = b"timeline-dataset-layout"
LAYOUT_VERSION = b"1"
# columns a Parquet file made elsewhere needs (and may have) to open as a chronology
FOREIGN_REQUIRED = ("id", "title", "start")
FOREIGN_OPTIONAL = ("end", "lane", "summary")

_STR = pa.string()
SELECTOR = pa.struct(
    [
        ("exact", _STR),
        ("prefix", _STR),
        ("suffix", _STR),
        ("start", pa.int64()),
        ("end", pa.int64()),
    ]
)
DRAFT = pa.struct([("confidence", pa.float64()), ("note", _STR)])
QUOTE = pa.struct(
    [
        ("id", _STR),
        ("speaker", _STR),
        ("text", _STR),
        ("form", _STR),
        ("source", _STR),
        ("selector", SELECTOR),
        ("draft", DRAFT),
    ]
)
_NAMES = pa.dictionary(pa.int32(), _STR)
SCHEMA = pa.schema(
    [
        ("id", _STR),
        ("title", _STR),
        ("summary", _STR),
        ("start", _STR),
        ("end", _STR),
        ("precision", _NAMES),
        ("end_precision", _NAMES),
        ("approximate", pa.bool_()),
        ("uncertain", pa.bool_()),
        ("tz", _STR),
        ("date_text", _STR),
        ("basis", _STR),
        ("status", _NAMES),
        ("kind", _NAMES),
        ("actors", pa.list_(_STR)),
        ("places", pa.list_(_STR)),
        ("tags", pa.list_(_STR)),
        ("citations", pa.list_(_STR)),
        ("quotes", pa.list_(QUOTE)),
        ("draft", DRAFT),
    ]
)
# columns a file of the layout may lack (written before they were added): read as nulls
LATER_COLUMNS = ("draft",)
# columns read as dictionaries (few distinct values: codes, not a string per row)
DICTIONARY_COLUMNS = ["precision", "end_precision", "status", "kind"]

DESCRIPTION = (
    "A timeline dataset: the native JSON file described by this schema. The same dataset can "
    "be a Parquet file (`timeline-viewer convert IN -o OUT.parquet`): one row per event with "
    "the columns id, title, summary (strings), start, end (partial ISO dates as in `when`; "
    "end null where absent), precision, end_precision (year|month|day|minute|second; "
    "end_precision null where absent), approximate, uncertain (booleans), tz, date_text "
    "(when.text), basis (when.basis) (strings, null where absent), status, kind (strings), "
    "actors, places, citations (lists of ids), tags (list of strings), quotes (a list of "
    "structs {id, speaker, text, form, source, selector {exact, prefix, suffix, start, "
    "end}, draft}) and draft (a struct {confidence, note}, null where absent: a part the "
    "article importer drafted and nobody has accepted yet); the rest of the dataset "
    "(format, version, title, description, sources with their texts, actors, places, "
    "eras ...) is this JSON object without its events, stored "
    "in the file's key-value metadata under the key 'timeline-dataset'. A Parquet file made "
    "by other tools opens too when it has the columns id, title and start (timestamps, "
    "dates or ISO strings), and optionally end, lane (the event's kind) and summary."
)
