"""Parse dose values ('8-12', '30-60 sec', '2 min', 5) into Quantities."""
from __future__ import annotations

import math
import re

from exguide.content.model import Quantity

TIME_FIELDS = ("duration", "hold", "rest")
COUNT_FIELDS = ("reps", "sets")

_TIME_UNITS = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
}
_COUNT_UNITS = {
    "reps": {"rep", "reps", "x"},
    "sets": {"set", "sets", "rounds", "round"},
}
_PATTERN = re.compile(
    r"^(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?))?\s*(?P<unit>[a-z]+)?$",
    re.IGNORECASE,
)
_EXAMPLES = {"reps": "8 or 8-12", "sets": "3 or 2-3", "duration": "30 sec, 30-60 sec or 2 min",
             "hold": "30 sec or 20-30 sec", "rest": "60 sec or 1-2 min"}
MAX_VALUE = 10_000  # nobody holds a stretch for three hours; catches typos and overflow


def parse_quantity(name: str, value: object) -> Quantity | str:
    """A Quantity for dose field ``name``, or an error message."""
    example = _EXAMPLES.get(name, "8-12")
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return f"expected a number or a range like {example}"
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a number or a range like {example}; got '{value}'"
    if isinstance(value, (int, float)):
        low = high = value
        unit = ""
    else:
        text = value.strip()
        if text.startswith("-"):
            return f"must be a positive number; got '{value}'"
        match = _PATTERN.match(text)
        if not match:
            return f"expected a number or a range like {example}; got '{value}'"
        low = float(match["low"])
        high = float(match["high"]) if match["high"] else low
        unit = (match["unit"] or "").lower()
    return _checked(name, low, high, unit, value, example)


def _checked(name, low, high, unit, value, example) -> Quantity | str:
    """Unit and range checks shared by numbers and strings."""
    if name in TIME_FIELDS:
        if unit and unit not in _TIME_UNITS:
            return f"unknown time unit '{unit}'; use sec or min (e.g. {example})"
        unit = _TIME_UNITS.get(unit, "s")
    else:
        if unit in _TIME_UNITS:
            return f"{name} is a count; put times in duration or hold (e.g. duration: {value})"
        if unit and unit not in _COUNT_UNITS.get(name, ()):
            return f"unexpected word '{unit}'; write just the number, e.g. {example}"
        unit = ""
        if low != int(low) or high != int(high):
            return f"expected a whole number; got '{value}'"
    if low < 0 or high < 0:
        return f"must be a positive number; got '{value}'"
    if low == 0 and high == 0 and name != "rest":
        return "must be more than 0"
    if low > high:
        return f"range goes down ({value}); write the smaller number first"
    if high > MAX_VALUE:
        return f"{value} is too large; check the number and the unit"
    low = int(low) if float(low).is_integer() else low
    high = int(high) if float(high).is_integer() else high
    return Quantity(low, high, unit)
