"""Amounts and dates as reporters write them, normalised.

>>> parse_money("$4.2 million")
(4200000.0, 'USD')
>>> parse_money("€1.5bn")
(1500000000.0, 'EUR')
"""
from __future__ import annotations

import re
from functools import lru_cache

_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "C$": "CAD", "A$": "AUD"}
_CODES = ("USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "ILS")
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}

MONEY_RE = re.compile(
    r"(?P<cur>US\$|C\$|A\$|[$€£¥]|(?:USD|EUR|GBP|CAD|AUD|JPY|CHF|ILS)\s?)\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|mn|bn|tn|mil|[kmb])\b)?"
    r"|(?P<num2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<scale2>thousand|million|billion|trillion)?\s?"
    r"(?P<cur2>dollars|euros|pounds|USD|EUR|GBP)\b",
    re.IGNORECASE,
)


def parse_money(text: str) -> tuple[float, str] | None:
    """The first amount in ``text`` as (number, ISO 4217 code), or None."""
    m = MONEY_RE.search(text)
    if not m:
        return None
    if m.group("num"):
        cur = m.group("cur").strip().upper()
        currency = _SYMBOLS.get(cur, cur if cur in _CODES else "USD")
        num, scale = m.group("num"), m.group("scale")
    else:
        word = m.group("cur2").lower()
        currency = {"dollars": "USD", "euros": "EUR", "pounds": "GBP"}.get(word, word.upper())
        num, scale = m.group("num2"), m.group("scale2")
    value = float(num.replace(",", ""))
    if scale:
        value *= _SCALES[scale.lower()]
    return value, currency


# "5.4 billion euros ($6.4 billion)", "£3.08 million, or roughly $4.2 million": the dollar figure a
# reporter gives beside a foreign one
_DOLLARS_AFTER = re.compile(r"\s*(?:\(\s*|,?\s*or\s+|,?\s*about\s+|\s*—\s*)(?:about |roughly |some |nearly |around |approximately |almost |more than )?"
                            r"(?=(?:US)?\$\s?\d)")


def in_dollars(text: str, end: int, currency: str) -> tuple[float, int] | None:
    """The dollar equivalent written right after a foreign amount ending at ``end`` in ``text``,
    as (value, its end offset), or None.

    >>> in_dollars("5.4 billion euros ($6.4 billion)", 17, "EUR")
    (6400000000.0, 31)
    """
    if currency == "USD":
        return None
    m = _DOLLARS_AFTER.match(text, end)
    if not m:
        return None
    n = MONEY_RE.match(text, m.end())
    parsed = parse_money(n.group(0)) if n else None
    if not parsed or parsed[1] != "USD":
        return None
    return parsed[0], n.end()


def parse_money_in(text: str, start: int, end: int) -> tuple[float, str] | None:
    """:func:`parse_money` of ``text[start:end]``, in dollars when the text gives the dollar figure
    right after a foreign one ("5.4 billion euros ($6.4 billion)": the figure the gold keeps)."""
    parsed = parse_money(text[start:end])
    if parsed:
        dollars = in_dollars(text, end, parsed[1])
        if dollars:
            return dollars[0], "USD"
    return parsed


def format_money(amount: float | None, currency: str | None = "USD") -> str:
    """``714600, "USD"`` → ``"$714,600"``; other currencies keep their code."""
    if amount is None:
        return ""
    sign = {"USD": "$", "EUR": "€", "GBP": "£"}.get(currency or "USD")
    n = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{sign}{n}" if sign else f"{n} {currency}"


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}


# "early 2020", "mid-March", "the second half of 2019": read as the year or month they fall in
PART_OF_PERIOD = re.compile(r"^(?:(?:the )?(?:very )?(?:early|late|mid)(?:-| )|"
                            r"the (?:first|second|third|fourth|last) (?:half|quarter) of )", re.I)


@lru_cache(maxsize=4096)
def parse_date(text: str, reference: str = "") -> str | None:
    """A date phrase as an ISO prefix at the precision it was written: "September 2020" →
    "2020-09", "Sept. 3, 2020" → "2020-09-03", "2017" → "2017". Relative phrases ("last
    year") are read against ``reference`` (the article date). None if it is not a date."""
    cleaned = text.strip().rstrip(".,")
    cleaned = PART_OF_PERIOD.sub("", cleaned) or cleaned
    if re.fullmatch(r"(?:in |fiscal (?:year )?)?(\d{4})", cleaned, re.I):
        return re.search(r"\d{4}", cleaned).group(0)
    season = re.fullmatch(r"(?:in |during |by )?(?:the )?(?:spring|summer|fall|autumn|winter)(?: of)? (\d{4})", cleaned, re.I)
    if season:  # "the spring of 2020", "fall 2019": the year
        return season.group(1)
    relative = _relative_date(cleaned, reference)
    if relative is not None:
        return relative or None
    import dateparser
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": [], "RETURN_TIME_AS_PERIOD": False}
    if reference:
        base = dateparser.parse(reference, languages=["en"])
        if base is not None:
            settings["RELATIVE_BASE"] = base
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    words = cleaned.lower()
    has_year = bool(re.search(r"\b\d{4}\b", words)) or "year" in words
    if not has_year and period in ("month", "day") and not reference:
        return None
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# relative to some other event ("a year later", "two months earlier") or too vague to date a
# deal by ("last week", "recently", "in recent years"): no date
_UNDATABLE = re.compile(r"\b(?:later|earlier|before|after|ago|recent(?:ly)?|weeks?|days?|decades?|years|months|"
                        r"since|past|previous|prior|next|coming|following)\b", re.I)


def _relative_date(text: str, reference: str) -> str | None:
    """Phrases a reporter writes relative to the article's date, read at the precision they
    give: "this year"/"earlier this year"/"this spring" its year, "last month" the month before. "" when the phrase
    is relative but gives no usable date ("last week", "a year later"); None when it is not a
    relative phrase (the general parser reads it)."""
    words = re.sub(r"^(?:on|in|since|from|by|as of)\s+", "", text.lower()).strip()
    if re.search(r"\d", words):
        return None
    ref = re.match(r"(\d{4})-(\d{2})-(\d{2})", reference or "")
    day = next((d for d in _WEEKDAYS if re.fullmatch(rf"(?:last |this |this past |early |late )?{d}(?: (?:morning|afternoon|evening|night))?", words)), None)
    if day is not None:
        # a weekday alone can only be read off the report's own date, which is never the deal's
        # (the gold sets' session-8 convention, tests/gold/README.md): no date
        return ""
    if re.fullmatch(r"(?:earlier |later |late |early )?this year|(?:earlier|later) in the year", words):
        return ref.group(1) if ref else ""
    if re.fullmatch(r"(?:earlier |later |late |early )?this (?:spring|summer|fall|autumn)", words):
        return ref.group(1) if ref else ""  # "this spring": the article's year (not winter, which spans two)
    if re.fullmatch(r"(?:earlier |late |early )?last year", words):
        return str(int(ref.group(1)) - 1) if ref else ""
    if re.fullmatch(r"(?:earlier |later |late |early )?this month", words):
        return f"{ref.group(1)}-{ref.group(2)}" if ref else ""
    last_named = re.fullmatch(r"last (" + "|".join(_MONTHS) + r")", words)
    if last_named:  # "last October": the latest October before the article's month
        if not ref:
            return ""
        y, m = int(ref.group(1)), _MONTHS[last_named.group(1)]
        return f"{y if m < int(ref.group(2)) else y - 1}-{m:02d}"
    if re.fullmatch(r"(?:late |early )?last month", words):
        if not ref:
            return ""
        y, m = int(ref.group(1)), int(ref.group(2)) - 1
        return f"{y - 1}-12" if m == 0 else f"{y}-{m:02d}"
    if words in ("today", "yesterday"):
        if not ref:
            return ""
        import datetime as dt
        base = dt.date(int(ref.group(1)), int(ref.group(2)), int(ref.group(3)))
        return (base - dt.timedelta(days=1 if words == "yesterday" else 0)).isoformat()
    if re.search(r"\w-(?:year|month|week|day)s?\b|\bmulti-?years?\b|\byear-long\b", words):
        return ""  # a duration ("a one-year contract"), not a date
    if _UNDATABLE.search(words) and not any(m in words for m in _MONTHS):
        return ""
    return None
