"""Where the viewer keeps its settings: the platform's place, or an INI file named by
$TIMELINE_VIEWER_SETTINGS (tests point it at a temporary file)."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

MAX_RECENT = 10


def open_settings() -> QSettings:
    path = os.environ.get("TIMELINE_VIEWER_SETTINGS")
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "timeline-viewer", "viewer"
    )


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])][:MAX_RECENT]


def add_recent(settings: QSettings, path: str) -> list[str]:
    files = [path, *(f for f in recent_files(settings) if f != path)][:MAX_RECENT]
    settings.setValue("recent", files)
    return files
