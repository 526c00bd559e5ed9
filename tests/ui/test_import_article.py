"""File > Import Article… in the window: the dialog, its refusals, and (with the importer)
a real article drafted and opened as an unsaved document to review."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from viewer.ui.window import MainWindow


def _ok(buttons: QDialogButtonBox) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_menu_opens_the_dialog_and_it_refuses_a_missing_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    act = window.importing.act_import
    assert act in window.file_menu.actions()
    assert act.shortcut().toString() == "Ctrl+Shift+O"
    act.trigger()
    dialog = window.importing.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert dialog.published.text() == dialog.zone.text() == dialog.url.text() == ""
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert dialog.error.text() == "choose the article's file (.txt or .html)"
    dialog.file.setText(str(tmp_path / "nope.txt"))
    _ok(dialog.buttons)
    assert dialog.isVisible()
    assert dialog.error.text().endswith("nope.txt: no such file; expected a .txt or .html article")
    assert window.dataset is not None
    assert window.dataset.title.startswith("Kalbajar")  # the open dataset stays
    dialog.reject()
