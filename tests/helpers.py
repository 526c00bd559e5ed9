"""Small builders of dataset JSON for tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from viewer.model.dataset import text_sha256

TEXT = 'He said: "We will build the bridge," and left. “It opens in May,” she added.'


def minimal() -> dict[str, Any]:
    """A small valid dataset with one source, two actors, one place and two events."""
    start = TEXT.index("We will")
    end = TEXT.index(',"') + 1
    return copy.deepcopy(
        {
            "format": "timeline-dataset",
            "version": 1,
            "title": "Bridge",
            "sources": [
                {
                    "id": "s1",
                    "title": "Article",
                    "published": "2031-05-14",
                    "text": TEXT,
                    "sha256": text_sha256(TEXT),
                }
            ],
            "actors": [
                {"id": "mayor", "name": "Ana Díaz", "aliases": ["Ana Diaz"]},
                {"id": "eng", "name": "Bo Li"},
            ],
            "places": [{"id": "bridge", "name": "Riverside Bridge", "aliases": ["Old Crossing"]}],
            "events": [
                {
                    "id": "e1",
                    "title": "Bridge announced",
                    "kind": "policy",
                    "when": {"start": "2031-05-13", "precision": "day"},
                    "actors": ["mayor"],
                    "places": ["bridge"],
                    "citations": ["s1"],
                    "quotes": [
                        {
                            "id": "q1",
                            "speaker": "mayor",
                            "form": "direct",
                            "text": TEXT[start:end],
                            "source": "s1",
                            "selector": {
                                "exact": TEXT[start:end],
                                "prefix": TEXT[:start],
                                "suffix": TEXT[end : end + 10],
                                "start": start,
                                "end": end,
                            },
                        }
                    ],
                },
                {
                    "id": "e2",
                    "title": "Bridge opens",
                    "kind": "infrastructure",
                    "status": "planned",
                    "when": {"start": "2031-05", "precision": "month"},
                },
            ],
        }
    )


def write(tmp_path: Path, data: Any, name: str = "data.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
