"""Words of English temporal expressions: months, weekdays, numbers, units, parts of day, seasons.

Each table maps a lower-case word to what it means in TimeML terms; patterns.py builds its
regular expressions from the keys and normalise.py reads the values.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

NUMBERS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a": 1, "an": 1, "a single": 1, "a couple of": 2,
    "a dozen": 12, "a hundred": 100, "half a": 0, "a half": 0,
}  # fmt: skip

# Quantities that say "some number": their durations have X for the number (PXY).
VAGUE_NUMBERS = (
    "a few", "few", "several", "some", "many", "a couple of", "a number of", "numerous",
    "the next few",
)  # fmt: skip

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}  # fmt: skip

# Unit word -> (TimeML duration letter, granularity name).
UNITS: dict[str, tuple[str, str]] = {
    "second": ("S", "second"), "minute": ("M", "minute"), "hour": ("H", "hour"),
    "day": ("D", "day"), "night": ("D", "day"), "week": ("W", "week"),
    "fortnight": ("W", "fortnight"),
    "month": ("M", "month"), "year": ("Y", "year"), "decade": ("DE", "decade"),
    "century": ("CE", "century"), "quarter": ("Q", "quarter"), "weekend": ("WE", "weekend"),
    "semester": ("M", "semester"), "millennium": ("ML", "millennium"),
}  # fmt: skip
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "months": "month", "years": "year", "decades": "decade",
    "centuries": "century", "quarters": "quarter", "weekends": "weekend", "fortnights": "fortnight",
    "millennia": "millennium",
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "daytime": "DT",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip

# Fixed-date holidays: (month, day).
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year": (1, 1),
    "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "veterans day": (11, 11), "boxing day": (12, 26),
}  # fmt: skip

# Words that refer to the present, past or future as a whole (TimeML's *_REF values).
GENERIC_REFS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF",
    "at present": "PRESENT_REF", "the present": "PRESENT_REF", "right now": "PRESENT_REF",
    "the time being": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF",
    "formerly": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the near term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the coming years": "FUTURE_REF",
    "the coming months": "FUTURE_REF", "coming months": "FUTURE_REF",
    "coming years": "FUTURE_REF", "coming weeks": "FUTURE_REF", "the coming weeks": "FUTURE_REF",
    "coming days": "FUTURE_REF", "the coming days": "FUTURE_REF", "coming quarters": "FUTURE_REF",
    "the years to come": "FUTURE_REF", "recent years": "PAST_REF",
}  # fmt: skip

# Frequency words: SET expressions with their value.
SETS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
}  # fmt: skip
