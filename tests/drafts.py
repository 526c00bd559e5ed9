"""A drafted chronology for the review tests: the bundled dataset with draft marks, as the
article importer leaves them (events and quotes not yet accepted)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from viewer.model.bundled import bundled_dataset

DRAFT_EVENTS = {  # event id: (confidence, note)
    "ceasefire": (0.9, ""),
    "aghdam-handover": (0.55, "check the date: 'on Friday' resolved against the publication"),
    "erdogan-statement": (0.7, "several statements in one event"),
}
DRAFT_QUOTES = {  # quote id: (confidence, note)
    "q-kalbajar-liberated": (0.8, "speaker resolved from 'the president'"),
    "q-support-process": (0.6, ""),
    "q-important-steps": (0.4, "reported speech: check the attribution"),
}


def draft_data() -> dict[str, Any]:
    data = json.loads(Path(bundled_dataset()).read_text(encoding="utf-8"))
    data["title"] = "Kalbajar (draft)"
    for ev in data["events"]:
        if ev["id"] in DRAFT_EVENTS:
            conf, note = DRAFT_EVENTS[ev["id"]]
            ev["draft"] = {"confidence": conf, "note": note}
        for q in ev.get("quotes", []):
            if q["id"] in DRAFT_QUOTES:
                conf, note = DRAFT_QUOTES[q["id"]]
                q["draft"] = {"confidence": conf, "note": note}
    return data


def write_draft(folder: Path, name: str = "draft.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(draft_data(), indent=2, ensure_ascii=False), encoding="utf-8")
    return path
