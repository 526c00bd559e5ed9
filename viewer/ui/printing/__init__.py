"""Printing: the chart and chronology pages, the print options, the print and export commands."""
