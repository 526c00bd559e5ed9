"""The main window's menus and toolbar: File, Edit, View, Go and Help, with the printing and
copying actions they hold. The editing, review and import parts add their own menus and
actions to these (``window.file_menu``, ``window.edit_menu``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from viewer.model.listing import LANE_MODES
from viewer.ui.copy_actions import EditActions
from viewer.ui.printing.actions import PrintActions
from viewer.ui.settings import recent_files

if TYPE_CHECKING:
    from viewer.ui.window import MainWindow


def add_action(
    w: MainWindow, menu: QMenu, text: str, slot, shortcut=None, tip: str = ""
) -> QAction:  # type: ignore[no-untyped-def]
    """An action of the window ``w``, in ``menu``, calling ``slot``."""
    action = QAction(text, w)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def build_menus(w: MainWindow) -> None:
    """The menu bar and the main toolbar of ``w``; the actions others reach are kept on it."""
    bar = w.menuBar()
    file = bar.addMenu("&File")
    w.act_open = add_action(w, file, "&Open…", w.open_dialog, QKeySequence.StandardKey.Open)
    w.recent_menu = file.addMenu("Open Re&cent")
    w.act_reload = add_action(w, file, "&Reload", w.reload, QKeySequence.StandardKey.Refresh)
    w.file_menu = file
    file.addSeparator()
    w.print_anchor = file.addSeparator()
    w.printing = PrintActions(w)
    w.copying = EditActions(w)  # copy with citations, export image
    file.insertActions(w.print_anchor, w.printing.actions)
    file.insertAction(w.print_anchor, w.copying.act_export_image)
    toolbar = w.addToolBar("Main")
    toolbar.setObjectName("main_toolbar")
    toolbar.addActions(w.printing.actions)
    toolbar.addAction(w.copying.act_export_image)
    # Ctrl+Q everywhere: the platform's Quit key is empty without a desktop's theme
    w.act_quit = add_action(w, file, "&Quit", w.close, "Ctrl+Q")

    edit = bar.addMenu("&Edit")
    w.edit_menu = edit
    edit.addAction(w.copying.act_copy)

    view = bar.addMenu("&View")
    fit = add_action(w, view, "&Fit All", w.timeline.fit_all, "Ctrl+0")
    fit.setShortcuts([QKeySequence("Ctrl+0"), QKeySequence("F")])
    w.act_fit_all = fit
    add_action(w, view, "Zoom &In", lambda: w.timeline.zoom(0.5), QKeySequence.StandardKey.ZoomIn)
    add_action(w, view, "Zoom &Out", lambda: w.timeline.zoom(2.0), QKeySequence.StandardKey.ZoomOut)
    view.addSeparator()
    lanes = view.addMenu("&Lanes by")
    group = QActionGroup(w)
    w.lane_actions = {}
    for i, mode in enumerate(LANE_MODES):
        act = QAction(mode.capitalize(), w, checkable=True)
        act.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
        act.setChecked(mode == w.state.lane_mode)
        act.triggered.connect(lambda _=False, m=mode: w.set_lane_mode(m))
        group.addAction(act)
        lanes.addAction(act)
        w.lane_actions[mode] = act

    go = bar.addMenu("&Go")
    add_action(w, go, "&Next Event", lambda: w.step_event(1), "N")
    add_action(w, go, "&Previous Event", lambda: w.step_event(-1), "P")
    add_action(w, go, "&Clear Selection", lambda: w.select_event(-1), "Escape")
    add_action(w, go, "&Find…", w.focus_find, QKeySequence.StandardKey.Find)
    add_action(w, go, "Show &Timeline", w.timeline.plot.setFocus, "Ctrl+T")

    help_menu = bar.addMenu("&Help")
    add_action(w, help_menu, "&Keyboard Shortcuts", w.show_shortcuts, "F1")
    add_action(w, help_menu, "&About", w.show_about)
    refresh_recent(w)


def refresh_recent(w: MainWindow) -> None:
    """File > Open Recent: the files opened last (disabled while there are none)."""
    w.recent_menu.clear()
    files = recent_files(w.settings)
    for path in files:
        act = QAction(path.replace("&", "&&"), w)  # a literal '&', not a mnemonic
        act.triggered.connect(lambda _=False, p=path: w.open_file(p))
        w.recent_menu.addAction(act)
    w.recent_menu.setEnabled(bool(files))
