"""Numbers and durations: "five" -> 5, "a few" -> None (some number), ("five", "years") -> "P5Y"."""

from __future__ import annotations

import re

from .lexicon import NUMBERS, UNIT_PLURALS, UNITS, VAGUE_NUMBERS

_SPACES = re.compile(r"\s+")


def number(text: str) -> float | None:
    """The number a quantity names; None when it names some number ("several", "a few")."""
    t = _SPACES.sub(" ", text.lower().strip())
    if t in NUMBERS:
        return float(NUMBERS[t])
    t = t.removeprefix("a ").removeprefix("the ") if t.endswith("couple of") else t
    if t == "couple of":
        return 2.0
    if t in VAGUE_NUMBERS or t in ("hundreds", "dozens") or " or " in t or " to " in t:
        return None
    if t in ("half a", "half an", "a half"):
        return 0.5
    if t == "one and a half":
        return 1.5
    if t.endswith(" 1/2"):
        t = str(float(t[:-4]) + 0.5)
    try:
        return float(t)
    except ValueError:
        pass
    total = 0
    for part in re.split(r"[-\s]", t):
        if part not in NUMBERS:
            return None
        total += NUMBERS[part]
    return float(total)


def unit_name(word: str) -> str:
    """The singular unit name of a unit word ("years" -> "year")."""
    w = word.lower()
    return UNIT_PLURALS.get(w, w)


def duration(n: float | None, unit: str) -> str:
    """TimeML duration value of n units: P5Y, PT3H, PXD, P10Y for a decade, P6M for half a year."""
    unit = unit_name(unit)
    letter, _ = UNITS.get(unit, ("D", "day"))
    timed = unit in ("hour", "minute", "second")
    prefix = "PT" if timed else "P"
    if n is None:
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        return f"{prefix}X{letter}"
    if unit == "decade":
        n, letter = n * 10, "Y"
    elif unit == "century":
        n, letter = n * 100, "Y"
    elif unit == "quarter":
        letter = "Q"
    elif unit == "fortnight":
        n, letter = n * 2, "W"
    if n != int(n):  # 2 1/2 years -> P2Y6M; half an hour -> PT30M
        smaller = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "M")}
        if letter in smaller and not (timed and letter == "M"):
            factor, letter2 = smaller[letter]
            whole, rest = int(n), round((n - int(n)) * factor)
            head = f"{whole}{letter}" if whole else ""
            if letter in ("D", "H"):
                return f"P{head}T{rest}{letter2}" if letter == "D" else f"PT{head}{rest}M"
            return f"P{head}{rest}{letter2}"
    return f"{prefix}{int(n)}{letter}"
