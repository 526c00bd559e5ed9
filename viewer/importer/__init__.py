"""Article import: temporal expressions (TIMEX3) now; dated statements and quotes later. Qt-free."""
