"""A column of a few names held as codes (the statuses of ten million events): a sequence of
str whose items are named when asked for, compared with a name as a boolean array."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np


class CodedColumn(Sequence[str]):
    """A column of a few names given as codes: each name looked up when asked for; compared
    with a name, a boolean array."""

    def __init__(self, codes: np.ndarray, names: Sequence[str]) -> None:
        self.codes, self.names = codes, list(names)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        if isinstance(i, slice):
            return [self.names[c] for c in self.codes[i].tolist()]
        return self.names[int(self.codes[i])]

    def __iter__(self) -> Iterator[str]:
        names = self.names
        return (names[c] for c in self.codes.tolist())

    def __eq__(self, other: object) -> np.ndarray:  # type: ignore[override]
        if not isinstance(other, str) or other not in self.names:
            return np.zeros(len(self.codes), bool)
        return self.codes == self.names.index(other)

    __hash__ = None  # type: ignore[assignment]
