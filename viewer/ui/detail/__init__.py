"""The detail pane: the selected event's facts and quotes, the source text, the dataset summary."""
