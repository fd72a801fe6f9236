import pytest

from exguide.content.dose import parse_quantity
from exguide.content.model import Dose, Quantity


@pytest.mark.parametrize("field,value,expected", [
    ("reps", 1, Quantity(1, 1, "")),
    ("reps", "8-12", Quantity(8, 12, "")),
    ("reps", "8–12 reps", Quantity(8, 12, "")),
    ("sets", "3", Quantity(3, 3, "")),
    ("duration", "30-60 sec", Quantity(30, 60, "s")),
    ("duration", "30 to 60 seconds", Quantity(30, 60, "s")),
    ("duration", 45, Quantity(45, 45, "s")),
    ("rest", "2 min", Quantity(2, 2, "min")),
    ("hold", "1.5 min", Quantity(1.5, 1.5, "min")),
    ("rest", 0, Quantity(0, 0, "s")),
])
def test_doses_parse_into_numbers_and_units(field, value, expected):
    assert parse_quantity(field, value) == expected


@pytest.mark.parametrize("field,value,message", [
    ("duration", "30-sec-60", "expected a number or a range like 30 sec, 30-60 sec or 2 min; got '30-sec-60'"),
    ("reps", "-5 reps", "must be a positive number; got '-5 reps'"),
    ("reps", "12-8", "range goes down (12-8); write the smaller number first"),
    ("reps", "30 sec", "reps is a count; put times in duration or hold (e.g. duration: 30 sec)"),
    ("duration", "30 parsecs", "unknown time unit 'parsecs'; use sec or min (e.g. 30 sec, 30-60 sec or 2 min)"),
    ("reps", 0, "must be more than 0"),
    ("reps", True, "expected a number or a range like 8 or 8-12"),
    ("reps", "2.5", "expected a whole number; got '2.5'"),
    ("hold", "99999 min", "99999 min is too large; check the number and the unit"),
])
def test_malformed_doses_say_what_to_write(field, value, message):
    assert parse_quantity(field, value) == message


def test_dose_line_reads_like_the_seed():
    dose = Dose(reps=Quantity(1, 1, ""), duration=Quantity(30, 60, "s"))
    assert dose.text() == "Reps: 1 · Duration: 30–60 sec"


def test_time_quantities_know_their_seconds():
    assert Quantity(1, 2, "min").seconds == (60, 120)
    assert Quantity(8, 12, "").seconds is None
