"""The quote commands: a quote of the words selected in the source pane (Quote from
Selection, Ctrl+Shift+Q), and, once made, its speaker (an actor, or a new one typed), its form
and its words anchored anew to the span selected in the source pane; deleting it. Reached from
the Edit menu, the toolbar, the detail pane's quotes (context menu; Del deletes the selected
quote there), the source pane's context menu and the inspector's quotes.

The quote edited is the one selected in the detail pane's list of quotes (or given by id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QPushButton, QWidget

from viewer.model.dataset import Actor, Dataset, Event, Quote, Source, When
from viewer.model.dates import DateError, parse_date
from viewer.model.edits import AddActor, AddEvent, Compound, EditError, unique_id
from viewer.model.quoting import (
    AddQuote,
    DeleteQuote,
    EditQuote,
    code_point_index,
    span_of,
)
from viewer.ui.editing.dialogs import (
    NEW_EVENT,
    QuoteDialog,
    error_label,
    form_combo,
    lay_out,
    show_error,
    speaker_choice,
    speaker_combo,
)

if TYPE_CHECKING:
    from viewer.ui.editing.actions import EditingActions


def _words(text: str) -> str:
    return f"“{text if len(text) <= 300 else text[:299] + '…'}”"


def when_of(text: str) -> When:
    """A When from a date as the format writes it; EditError with validate's words if wrong."""
    text = text.strip()
    try:
        precision = parse_date(text).precision
    except DateError as exc:
        raise EditError(f"start: {exc}") from None
    return When(start=text, precision=precision)


def slug(text: str) -> str:
    """An id made of a text's words (lower case, joined by hyphens)."""
    words = "".join(ch.lower() if ch.isalnum() else "-" for ch in text).split("-")
    return "-".join(w for w in words if w)[:40] or "event"


class QuoteEditDialog(QDialog):
    """A quote's speaker, form and words. Not modal: words selected in the source pane while
    it is open replace the quote's words with "Use the selected words"."""

    def __init__(self, ds: Dataset, event_id: str, quote: Quote, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit quote")
        self.setObjectName("quote_edit_dialog")
        self.event_id, self.quote_id = event_id, quote.id
        self.span: tuple[str, int, int] | None = None  # (source id, start, end) chosen anew
        self.words = QLabel(_words(quote.text))
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setAccessibleName("Quoted words")
        self.anchor = QLabel(_anchor_text(ds, quote))
        self.anchor.setTextFormat(Qt.TextFormat.PlainText)
        self.anchor.setWordWrap(True)
        self.use_selection = QPushButton("Use the selected words")
        self.use_selection.setToolTip(
            "Select the quote's words in the source text, then click here to anchor it there"
        )
        self.speaker = speaker_combo(ds, quote.speaker)
        self.form = form_combo(quote.form)
        self.error = error_label()
        form = QFormLayout()
        form.addRow(self.words)
        form.addRow("Anchored:", self.anchor)
        form.addRow("", self.use_selection)
        form.addRow("Speaker:", self.speaker)
        form.addRow("Form:", self.form)
        self.buttons = lay_out(self, form, self.error)
        self.setMinimumWidth(480)

    def set_span(self, source_id: str, start: int, end: int, words: str, title: str) -> None:
        self.span = (source_id, start, end)
        self.words.setText(_words(words))
        self.anchor.setText(f"{title} ({source_id}), characters {start}..{end} (new)")
        show_error(self.error, "")


def _anchor_text(ds: Dataset, quote: Quote) -> str:
    if quote.selector is None or quote.source is None:
        return "not anchored to a source text"
    title = next((s.title for s in ds.sources if s.id == quote.source), quote.source)
    return f"{title} ({quote.source}), characters {quote.selector.start}..{quote.selector.end}"


class QuoteActions:
    """The quote commands of a window (made by :class:`EditingActions`)."""

    def __init__(self, owner: EditingActions) -> None:
        self.owner = owner
        self.window = w = owner.window
        self.dialog: QuoteEditDialog | None = None  # the last quote edited
        self.quote_dialog: QuoteDialog | None = None  # the last quote made from a selection
        self.act_edit = owner.make_action("&Edit Quote…", self.edit_dialog)
        self.act_delete = owner.make_action("De&lete Quote", self.delete_quote)
        self.act_anchor = owner.make_action("Anc&hor Quote to Selection", self.anchor_to_selection)
        self.act_anchor.setToolTip(
            "Anchor the quote selected in the list of quotes to the words selected in the source"
        )
        quotes = w.detail.quotes
        quotes.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        quotes.customContextMenuRequested.connect(self._quotes_menu)
        quotes.currentItemChanged.connect(lambda *_: self.update_actions())
        owner.session.edited.connect(self.update_actions)
        self.update_actions()

    @property
    def actions(self) -> list[QAction]:
        return [self.act_edit, self.act_delete, self.act_anchor]

    # --- which quote --------------------------------------------------------------------------
    def selected_quote(self) -> tuple[str, Quote] | None:
        """(event id, quote) of the quote selected in the detail pane's list, or None."""
        event = self.window.detail.current_event
        item = self.window.detail.quotes.currentItem()
        if event is None or item is None:
            return None
        quote_id = item.data(Qt.ItemDataRole.UserRole)
        quote = next((q for q in event.quotes if q.id == quote_id), None)
        return (event.id, quote) if quote is not None else None

    def _quote(self, quote_id: str | None) -> tuple[str, Quote]:
        """The quote ``quote_id`` of the selected event, or the selected quote."""
        if quote_id is None:
            found = self.selected_quote()
            if found is None:
                raise EditError("select a quote in the list of quotes first")
            return found
        event = self.window.detail.current_event
        quote = next((q for q in event.quotes if q.id == quote_id), None) if event else None
        if event is None or quote is None:
            raise EditError(f"no quote with id '{quote_id}' in the selected event")
        return event.id, quote

    def select_quote(self, quote_id: str) -> None:
        """Select a quote in the detail pane's list (after an edit has shown the event again)."""
        quotes = self.window.detail.quotes
        for k in range(quotes.count()):
            if quotes.item(k).data(Qt.ItemDataRole.UserRole) == quote_id:
                quotes.setCurrentRow(k)
                self.window.detail.scroll_to_quote(quote_id)
        inspector = self.owner.inspector
        if inspector is not None and inspector.quote_id() != quote_id:
            inspector.select_quote(quote_id)

    def update_actions(self) -> None:
        chosen = self.selected_quote() is not None
        for act in self.actions:
            act.setEnabled(chosen)

    # --- the commands ------------------------------------------------------------------------
    def _push(self, edit: EditQuote | DeleteQuote) -> str:
        message = self.owner.session.push(edit)
        if not message and isinstance(edit, EditQuote):
            self.select_quote(edit.quote_id)
        return message

    def edit_dialog(self, quote_id: str | None = None) -> QuoteEditDialog | None:
        try:
            event_id, quote = self._quote(quote_id)
        except EditError as exc:
            self.owner.tell(exc.message)
            return None
        ds = self.window.dataset
        assert ds is not None
        dialog = QuoteEditDialog(ds, event_id, quote, self.window)
        dialog.use_selection.clicked.connect(lambda: self._take_selection(dialog))
        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(lambda: self._accepted(dialog))
        self.dialog = dialog
        dialog.show()  # not modal: the source pane stays usable to select new words
        return dialog

    def _take_selection(self, dialog: QuoteEditDialog) -> str:
        try:
            source, start, end = self.selection_span()
        except EditError as exc:
            show_error(dialog.error, exc.message)
            return exc.message
        assert source.text is not None
        dialog.set_span(source.id, start, end, source.text[start:end], source.title)
        return ""

    def _accepted(self, dialog: QuoteEditDialog) -> None:
        speaker, new_name = speaker_choice(dialog.speaker)
        message = self.edit_quote(
            dialog.quote_id,
            speaker=speaker,
            new_speaker=new_name,
            form=dialog.form.currentData(),
            span=dialog.span,
            event_id=dialog.event_id,
        )
        show_error(dialog.error, message)
        if not message:
            dialog.accept()

    def edit_quote(
        self,
        quote_id: str | None = None,
        speaker: str | None = None,
        new_speaker: str | None = None,
        form: str = "direct",
        span: tuple[str, int, int] | None = None,
        event_id: str | None = None,
    ) -> str:
        """Give a quote a speaker (an actor id, or ``new_speaker`` made an actor), a form, and
        with ``span`` new words; the refusal's message, or ''."""
        try:
            if event_id is None:
                event_id, quote = self._quote(quote_id)
                quote_id = quote.id
        except EditError as exc:
            return exc.message
        assert quote_id is not None
        doc = self.owner.session.doc
        new_actor = None
        if new_speaker and doc is not None:
            taken = {a.id for a in doc.header.actors}
            new_actor = Actor(id=unique_id(slug(new_speaker), taken), name=new_speaker)
        edit = EditQuote(event_id, quote_id, speaker, form, new_actor, span)  # type: ignore[arg-type]
        return self._push(edit)

    def anchor_to_selection(self, quote_id: str | None = None) -> str:
        """Anchor the selected quote (or ``quote_id``) to the words selected in the source pane,
        keeping its speaker and form."""
        try:
            event_id, quote = self._quote(quote_id)
            source, start, end = self.selection_span()
        except EditError as exc:
            self.owner.tell(exc.message)
            return exc.message
        edit = EditQuote(
            event_id, quote.id, quote.speaker, quote.form, span=(source.id, start, end)
        )
        message = self._push(edit)
        if message:
            self.owner.tell(message)
        return message

    def delete_quote(self, quote_id: str | None = None) -> str:
        try:
            event_id, quote = self._quote(quote_id)
        except EditError as exc:
            self.owner.tell(exc.message)
            return exc.message
        return self._push(DeleteQuote(event_id, quote.id))

    def selection_span(self) -> tuple[Source, int, int]:
        """The source shown and the selected span in code points; EditError if none or bad."""
        detail = self.window.detail
        source = detail.source
        if source is None or not source.text:
            raise EditError("no source text is shown; add a source or select an event first")
        cursor = detail.source_text.textCursor()
        if not cursor.hasSelection():
            raise EditError("select the words to quote in the source text first")
        text = source.text
        start = code_point_index(text, cursor.selectionStart())
        end = code_point_index(text, cursor.selectionEnd())
        shown = cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")
        if text[start:end].replace("\u2028", "\n").replace("\u2029", "\n") != shown:
            raise EditError("the selection does not match the source text; select it again")
        start, end = span_of(text, start, end)
        return source, start, end

    def quote_selection_dialog(self) -> QuoteDialog | None:
        try:
            source, start, end = self.selection_span()
        except EditError as exc:
            self.owner.tell(exc.message)
            return None
        ds = self.window.dataset
        assert ds is not None
        dialog = QuoteDialog(ds, source.text[start:end], self.owner.selected_id(), self.window)  # type: ignore[index]
        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(lambda: self._quote_accepted(dialog))
        self.quote_dialog = dialog
        dialog.open()
        return dialog

    def _quote_accepted(self, dialog: QuoteDialog) -> None:
        speaker, new_name = dialog.speaker_choice()
        target = dialog.target.currentData()
        message = self.quote_selection(
            speaker=speaker,
            new_speaker=new_name,
            form=dialog.form.currentData(),
            event_id=None if target == NEW_EVENT else target,
            title=dialog.title.text(),
            date=dialog.date.text(),
        )
        show_error(dialog.error, message)
        if not message:
            dialog.accept()

    def quote_selection(
        self,
        speaker: str | None = None,
        new_speaker: str | None = None,
        form: str = "direct",
        event_id: str | None = None,
        title: str = "",
        date: str = "",
    ) -> str:
        """Quote the selected words; in ``event_id`` or a new event (``title``, ``date``)."""
        doc = self.owner.session.doc
        try:
            source, start, end = self.selection_span()
            assert doc is not None
            edits = []
            new_actor = None
            if new_speaker:
                taken = {a.id for a in doc.header.actors}
                new_actor = Actor(id=unique_id(slug(new_speaker), taken), name=new_speaker)
            if event_id is None:
                title = title.strip() or source.text[start:end][:80]  # type: ignore[index]
                if not date.strip():
                    raise EditError("start: the new event needs a date, e.g. 2020-11-25")
                event = Event(
                    id=self.owner.new_event_id(title),
                    title=title,
                    when=when_of(date),
                )
                edits.append(AddEvent(event))
                event_id = event.id
            if new_actor is not None:
                edits.append(AddActor(new_actor))
            who = new_actor.id if new_actor else speaker
            edits.append(AddQuote(event_id, source.id, start, end, who, form))  # type: ignore[arg-type]
        except EditError as exc:
            return exc.message
        new_event = isinstance(edits[0], AddEvent)
        label = f"Quote in new event “{event_id}”" if new_event else edits[-1].text
        return self.owner.session.push(Compound(edits, label))

    # --- menus ------------------------------------------------------------------------------------
    def _quotes_menu(self, pos: QPoint) -> None:
        quotes = self.window.detail.quotes
        item = quotes.itemAt(pos)
        if item is not None:
            quotes.setCurrentItem(item)
        menu = self.quotes_menu()
        menu.exec(quotes.viewport().mapToGlobal(pos))

    def quotes_menu(self):  # type: ignore[no-untyped-def]
        """The context menu of the detail pane's quotes."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self.window.detail.quotes)
        menu.setObjectName("quotes_menu")
        self.update_actions()
        for act in self.actions:
            menu.addAction(act)
        # the review's Accept Quote, attached to the quotes list (its Reject Quote is the same
        # edit as Delete Quote, already in this menu)
        reject = self.window.review.act_reject_quote
        shown = [*self.actions, reject]
        if review := [a for a in self.window.detail.quotes.actions() if a not in shown]:
            menu.addSeparator()
            menu.addActions(review)
        menu.addSeparator()
        menu.addAction(self.window.copying.act_copy)
        return menu
