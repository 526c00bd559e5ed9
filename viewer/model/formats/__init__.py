"""Readers and writers of event datasets; each returns a Dataset or raises LoadError."""
