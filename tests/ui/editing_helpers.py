"""What the editing tests share: a short article, and answering the window's questions."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from viewer.model.anchors import utf16_offset
from viewer.ui.window import MainWindow

# a short article of our own (a character outside the BMP before the quote: UTF-16 != code points)
ARTICLE = (
    "Azerbaijan takes control of Kalbajar 🇦🇿\n"
    "\n"
    "BAKU, 25 November. Azerbaijani troops entered the Kalbajar district on Wednesday "
    "after Armenian forces withdrew.\n"
    "\n"
    "“Today our army entered Kalbajar district,” President Ilham Aliyev said in a televised "
    "address.\n"
)
WORDS = "“Today our army entered Kalbajar district,”"


def answer(button: QMessageBox.StandardButton) -> None:
    """Click ``button`` of the next modal question the window asks."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def select_span(w: MainWindow, text: str, start: int, end: int) -> None:
    cursor = QTextCursor(w.detail.source_text.document())
    cursor.setPosition(utf16_offset(text, start))
    cursor.setPosition(utf16_offset(text, end), QTextCursor.MoveMode.KeepAnchor)
    w.detail.source_text.setTextCursor(cursor)


def click_ok(buttons: QDialogButtonBox) -> None:
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
