"""The texts of Help: the keyboard shortcuts and About."""

ABOUT = (
    "A viewer for chronologies of news events: every quote leads to its exact words "
    "in its source, and the viewer checks them on every load."
)

SHORTCUTS = """Ctrl+O  open a dataset          F5  reload it
Ctrl+Shift+O  import an article (.txt, .html) as a draft chronology to review
Review: F8 / Shift+F8  next / previous draft, Ctrl+Enter  accept it, Ctrl+Backspace  reject it
(in the list of quotes: the quote)
Ctrl+P  print      Ctrl+Shift+E  export PDF      Ctrl+Shift+I  export an image (PNG, SVG)
Ctrl+C  copy the selected event or quote with its citation (in the list: the selected rows)
Ctrl+F  find (titles, quotes, names, aliases)
N / P  next / previous event in time     Esc  clear the selection
Ctrl+0 or F  fit all      + / -  zoom in / out     Left / Right  pan
Home / End  start / end of the timeline
Mouse: wheel zooms about the cursor, drag pans, Shift+drag zooms to a range,
double-click on the time axis or the overview fits all,
double-click on empty space in a lane makes an event there (that date, that lane),
double-click on an event opens it in the inspector.
Ctrl+1..5  lanes by kind / actor / place / status / first tag
Editing: Ctrl+N new dataset, Ctrl+S save, Ctrl+Shift+S save as, Ctrl+Z undo,
Ctrl+Shift+Z or Ctrl+Y redo, Ins new event, Del delete it (in the list of quotes: the quote),
F2 edit its fields, Ctrl+Shift+Q quote the selected text; right-click a quote to edit it,
anchor it to the selected words or delete it"""
