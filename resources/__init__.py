"""Bundled resources: the Kalbajar dataset, the JSON Schema, the desktop entry."""
