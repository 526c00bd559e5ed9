"""The timeline: one view, the item that paints every event, the date axis, labels and legend."""
