"""The window's keys as a person meets them: no two actions share a shortcut, and no two
entries of one menu (the menu bar, each menu, the quotes' context menu) share an underlined
letter (Alt+letter would pick one of them, then the other)."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from viewer.ui.window import MainWindow


def _letter(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def _clashes(actions: list[QAction]) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for act in actions:
        letter = _letter(act.text())
        if not act.isSeparator() and letter is not None:
            by_letter[letter].append(act.text())
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for act in window.findChildren(QAction):
        for key in act.shortcuts():
            if key.toString():
                owners[key.toString()].add(act.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    assert {"F8", "Shift+F8", "Ctrl+Return", "Ctrl+Backspace", "Ctrl+Shift+O"} <= set(owners)
    assert owners["Ctrl+Q"] == {"&Quit"}  # (the platform's Quit key is empty on bare X11)


def test_no_two_entries_of_a_menu_share_an_underlined_letter(window: MainWindow) -> None:
    bar = window.menuBar().actions()
    assert _clashes(bar) == {}
    for entry in bar:
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        assert _clashes(menu.actions()) == {}, entry.text()
    window.select_event(next(i for i, ev in enumerate(window.dataset.events) if ev.quotes))  # type: ignore[union-attr]
    window.detail.quotes.setCurrentRow(0)
    assert _clashes(window.editing.quotes.quotes_menu().actions()) == {}
