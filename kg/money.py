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


@lru_cache(maxsize=4096)
def parse_date(text: str, reference: str = "") -> str | None:
    """A date phrase as an ISO prefix at the precision it was written: "September 2020" →
    "2020-09", "Sept. 3, 2020" → "2020-09-03", "2017" → "2017". Relative phrases ("last
    year") are read against ``reference`` (the article date). None if it is not a date."""
    cleaned = text.strip().rstrip(".,")
    if re.fullmatch(r"(?:in |fiscal (?:year )?)?(\d{4})", cleaned, re.I):
        return re.search(r"\d{4}", cleaned).group(0)
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
    has_year = bool(re.search(r"\b\d{4}\b", words)) or not reference or "year" in words
    if not has_year and period in ("month", "day") and not reference:
        return None
    if period == "year":
        return f"{d.year:04d}"
    if period == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
