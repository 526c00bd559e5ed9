"""Regular expressions that find candidate temporal expressions, one named rule each.

Extents follow TimeML: determiners and modifiers ("the", "last", "more than") are inside, the
preposition before ("in", "on", "at") is outside. Rules may overlap; the tagger keeps the longest.
Month and weekday names must be capitalised ("may" is a verb, "march" a walk).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lexicon import GENERIC_REFS, HOLIDAYS, ORDINALS, SEASONS, SETS


def _alt(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


MONTH_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH = (
    rf"(?-i:(?:{MONTH_FULL}|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER"
    r"|NOVEMBER|DECEMBER)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b))"
)
WEEKDAY = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b)"
DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)(?![\d,]\d)"
_UNITS_1 = "second|minute|hour|day|night|week|fortnight|month|year|decade|century|quarter|weekend"
UNIT = (
    rf"(?:{_UNITS_1}|seconds|minutes|hours|days|nights|weeks|fortnights|months|years|decades|"
    rf"centuries|quarters|weekends)"
)
_SMALL = "one|two|three|four|five|six|seven|eight|nine"
NUMWORD = (
    rf"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:{_SMALL}))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    rf"|{_SMALL}|hundreds|dozens|a\s+dozen|a\s+hundred|(?:a\s+)?couple\s+of|a\s+few|few|several|some|many|"
    rf"a\s+number\s+of"
    r"|a|an|a\s+single|half\s+a|one\s+and\s+a\s+half)"
)
NUM = rf"(?:\d+(?:\.\d+|\s+1/2)?|{NUMWORD}|\d+\s+to\s+\d+|{NUMWORD}\s+(?:or|to)\s+{NUMWORD})"
APPROX = (
    r"(?:(?:more|less|fewer)\s+than|about|around|almost|nearly|over|some|at\s+least|at\s+most"
    r"|up\s+to|just|only|roughly|approximately|barely|well\s+over|under|the\s+better\s+part\s+of)"
)
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
SEASON = rf"(?:{_alt(SEASONS)})"
ORDINAL = rf"(?:{_alt(ORDINALS)}|\d+(?:st|nd|rd|th))"
ZONE = r"(?-i:[ECMP][SD]T|GMT|UTC|[A-Z][a-z]+\s+time|local\s+time)"
CLOCK = (
    r"(?:(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|a\.m|p\.m|am\b|pm\b)|\d{1,2}:\d\d(?:\s+hours)?"
    r"|\d{4}\s+hours|noon|midnight|midday)"
    rf"(?:\s+{ZONE}|\s+\({ZONE}\))?)"
)
DAY_PHRASE = (
    rf"(?:(?:(?:next|last|this)\s+)?{WEEKDAY}(?:,\s+{MONTH}\s+{DAYNUM}(?:,\s+{YEAR})?)?"
    rf"|today|tonight|yesterday|tomorrow|{MONTH}\s+{DAYNUM}(?:,?\s+{YEAR})?"
    rf"|{DAYNUM}(?:[-\u2013]{DAYNUM})?\s+(?:of\s+)?{MONTH}(?:\s+{YEAR})?)"
)
REL = (
    r"(?P<rel>last|this|next|past|coming|previous|following|current|same|that|latest|recent|"
    r"the\s+(?:past|last|next|coming|previous|following|current|same|latest|recent|prior)|"
    r"earlier\s+this|later\s+this|early\s+this|early\s+next|late\s+last|early\s+last|late\s+this|"
    r"late\s+next|earlier\s+last|later\s+next|mid-?\s*last|mid-?\s*next|mid-?\s*this|"
    r"the\s+end\s+of\s+(?:last|this|next|the)|the\s+beginning\s+of\s+(?:last|this|next|the)|"
    r"the\s+start\s+of\s+(?:last|this|next|the)|the\s+middle\s+of\s+(?:last|this|next|the)|"
    r"end\s+of\s+(?:last|this|next)|the\s+rest\s+of\s+(?:the|this))"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SPOKEN_YEAR = (
    rf"(?:nineteen|two\s+thousand)(?:\s+and)?[\s-]+(?:(?:{_TENS})(?:[\s-](?:{_SMALL}))?|{_SMALL}"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    r"(?![\s-](?:percent|dollars|people|million|billion|thousand))"
)
YEAR_OR_SPOKEN = rf"(?:{YEAR}|{SPOKEN_YEAR})"
EDGE = (
    r"(?P<edge>early|late-?|mid-?|the\s+end\s+of|the\s+beginning\s+of|"
    r"the\s+start\s+of|the\s+middle\s+of|"
    r"the\s+first\s+half\s+of|the\s+second\s+half\s+of)"
)
_QORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"

RULES: list[tuple[str, str]] = [
    ("iso", r"\b\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?\b"),
    (
        "numeric",
        r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)\b"
        r"|\b(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})\b",
    ),
    (
        "time",
        rf"(?:(?P<approx>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|"
        rf"after))\s+)?"
        rf"(?P<clock>{CLOCK})(?:\s*,?\s*(?:on\s+)?(?P<day>{DAY_PHRASE}))?",
    ),
    (
        "time_after",
        rf"(?P<day>{WEEKDAY}|today|yesterday|tomorrow),?\s+(?:at\s+)?(?P<clock>{CLOCK})",
    ),
    (
        "day_part",
        rf"(?:(?P<pmod>early|late|mid-?)\s*)?(?P<day>{WEEKDAY}|yesterday|"
        rf"tomorrow|today)\s+(?P<pod>{PART_OF_DAY})",
    ),
    (
        "part_day",
        rf"(?:the\s+)?(?:(?P<pmod>early|late|mid-?)\s*)?(?P<pod>{PART_OF_DAY})\s+(?:of\s+)?"
        rf"(?P<day>{DAY_PHRASE})",
    ),
    (
        "this_part",
        r"(?P<rel>(?:earlier\s+|later\s+|early\s+|late\s+)?this|last|tomorrow|"
        r"yesterday|the\s+next|the\s+following|the\s+previous|that|the)\s+(?P<pod>morning|"
        r"afternoon|evening|night)|tonight|overnight|mid-?\s*(?P<pod2>afternoon|morning)",
    ),
    (
        "mdy",
        rf"(?:{WEEKDAY},?\s+)?(?:(?P<edge>early|late|mid-?)\s*)?(?P<month>{MONTH})"
        rf"\s+(?P<day>{DAYNUM})(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "dmy",
        rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAYNUM})\s+(?:of\s+)?(?P<month>{MONTH})"
        rf"(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "month",
        rf"(?:{EDGE}\s*)?(?P<month>(?-i:{MONTH_FULL})|(?-i:(?:Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.))"
        rf"(?:(?:,?\s+(?:of\s+)?(?P<year>{YEAR_OR_SPOKEN}))|\s+(?P<rely>this|last|next)\s+year)?",
    ),
    ("rel_month", rf"{REL}\s+(?P<month>{MONTH})"),
    (
        "week_of",
        rf"the\s+week\s+of\s+(?P<month>{MONTH})\s+(?P<day>{DAYNUM})(?:,?\s+(?P<year>{YEAR}))?",
    ),
    (
        "weekday",
        rf"(?:{REL}\s+|(?:early|late)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<rel2>last|next))?",
    ),
    (
        "year",
        rf"(?:{EDGE}\s*|(?P<fiscal>fiscal(?:\s+year)?)\s+|the\s+year\s+)"
        rf"?(?<![\d$£€.,])(?P<year>{YEAR})(?![\d%])(?!\s*(?:%|"
        rf"percent\b))",
    ),
    ("fy", r"\b(?P<fy>FY|fiscal\s+)(?P<yy>\d\d)\b"),
    (
        "decade",
        rf"(?P<the>the\s+)?(?:{EDGE}\s*)?(?:(?P<dec>(?:1[5-9]|20)\d0|'\d0)'?s|(?P<dec2>\d0)'?s"
        r"|(?P<decw>(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ies))\b",
    ),
    (
        "century",
        rf"(?:the\s+)?(?:{EDGE}\s*)?(?P<cent>{ORDINAL}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century",
    ),
    (
        "season",
        rf"(?:(?:(?:{REL}|{EDGE}|the|this|that)\s+)(?P<season>{SEASON})|(?P<season2>summer|"
        rf"winter|autumn))(?:\s+(?:of\s+)?(?P<year>{YEAR_OR_SPOKEN}))?",
    ),
    (
        "spoken_year",
        rf"(?P<spoken>{SPOKEN_YEAR})|the\s+year\s+(?P<spoken2>{SPOKEN_YEAR}|two\s+thousand)",
    ),
    (
        "relday",
        r"(?:(?:late|early)\s+)?(?:the\s+day\s+(?P<daa>before|after)\s+)?(?P<word>today|yesterday|"
        r"tomorrow)",
    ),
    (
        "rel_unit",
        rf"(?:(?P<edge2>early|late|earlier|later)\s+(?:in\s+)?)?{REL}\s+(?P<unit>{_UNITS_1}|"
        rf"fiscal\s+year)(?:[\s-]+(?:end|ago))?",
    ),
    ("unit_rel", rf"(?P<unit>{_UNITS_1})\s+(?P<rel>ago|earlier|later)"),
    (
        "the_unit",
        rf"(?:the|a|that|this)\s+(?!(?:second|minute|hour|quarter)\b)(?:(?P<mod2>same|whole|"
        rf"entire|full|latest|year-earlier|year-ago|earlier|prior|previous|current|fiscal|calendar|"
        rf"financial|latest\s+fiscal)[\s-]+)?"
        rf"(?P<unit>{_UNITS_1})",
    ),
    (
        "ago",
        rf"(?:{APPROX}\s+)?(?P<num>{NUM})[\s-]+(?:(?:more|additional|full)"
        rf"\s+)?(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
        rf"(?P<dir>ago|earlier|later|from\s+now|hence|back)\b",
    ),
    (
        "duration",
        rf"(?:(?P<det>the|a|an|another|an\s+additional|its|their|his|her)\s+)?"
        rf"(?:(?P<span>past|last|next|first|coming|previous|final|latest|recent|initial|remaining|"
        rf"preceding|full|entire|whole|(?<=the\s)(?:following|same|other))\s+)?"
        rf"(?:{APPROX}\s+)?(?P<num>(?!(?:1[5-9]|20)\d\d\s){NUM})(?P<hy>[\s-]+)(?:(?:more|additional|full|straight|trading|business|working|"
        rf"consecutive)\s+)?(?P<unit>{UNIT})"
        rf"(?:\s+long)?(?:\s+and\s+(?P<num2>{NUM})\s+(?P<unit2>{UNIT}))?",
    ),
    (
        "vague_plural",
        r"(?:(?P<mod>recent|past|coming|next|last|previous|the\s+past|the\s+last|the\s+coming|"
        r"the\s+next|the\s+previous|the\s+recent)\s+)?(?P<unit>years|months|weeks|decades|"
        r"centuries|days|hours|minutes)\b",
    ),
    ("soon_after", r"(?P<unit>hours|minutes|moments|seconds)\s+(?P<dir>later|earlier)"),
    (
        "quarter",
        rf"(?:(?P<det>the|its|this|that|last|next)\s+|(?P<rely>this|last|next)\s+year's\s+)?"
        rf"(?:(?P<yr>{YEAR})\s+)?(?:(?P<mod>latest|"
        rf"corresponding|last|current|year-ago|year-earlier|same|previous|prior|recent|comparable|"
        rf"flat|strong|weak|fiscal|september|june|march|december)[\s-]+)?"
        rf"(?:(?P<mod3>year-ago|year-earlier)[\s-]+)?(?:(?P<ord>{_QORD}|"
        rf"final|last)[\s-]+)?(?:(?:fiscal|"
        rf"calendar)\s+)?(?P<q>quarter|half|period)\b(?:\s+(?:a\s+year\s+(?P<ago>ago|earlier))|"
        rf"\s+(?P<ly>last|a)\s+year|\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year))?",
    ),
    (
        "nine_months",
        r"(?:the|its)\s+(?:first\s+)?(?P<num>nine|six|three|\d+|two|four|five|seven|eight|"
        r"ten|eleven)\s+months?",
    ),
    ("year_end", r"year(?:'s)?[\s-](?P<which>end|earlier|ago)\b"),
    (
        "holiday",
        rf"(?:(?P<rel>last|this|next)\s+)?(?P<hol>{_alt(HOLIDAYS)}|thanksgiving(?:\s+day)?|"
        rf"easter(?:\s+sunday)?)(?:\s+(?P<year>{YEAR}))?",
    ),
    ("generic", rf"(?P<word>{_alt(GENERIC_REFS)})"),
    (
        "set",
        rf"(?P<word>{_alt(SETS)})|(?:every|each)\s+(?:other\s+)?(?P<unit>{_UNITS_1}|{WEEKDAY})|"
        rf"(?:every|each)\s+(?P<month>(?-i:{MONTH_FULL}))|"
        rf"per\s+(?P<unit2>{_UNITS_1})",
    ),
]

COMPILED = [(name, re.compile(rf"(?<![\w'\-:/])(?:{rx})(?![\w]|-\w)", re.I)) for name, rx in RULES]


def find_candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str]]]:
    """Every rule's matches as (start, end, rule index, rule name, match)."""
    found = []
    for i, (name, rx) in enumerate(COMPILED):
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), i, name, m))
    return found
