"""Editing in the window: the undo stack over the Qt-free edits, saving, dialogs and actions."""
