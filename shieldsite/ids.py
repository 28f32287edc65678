"""Reading a record id, or any small whole number, that a person typed or a request carried."""

from collections.abc import Iterable

# Every 18-digit number fits PostgreSQL's bigint (2**63 - 1 has 19 digits), far under the
# 4,300 digits Python's int() will read.
MAX_DIGITS = 18


def parse_id(value: str | None) -> int | None:
    """The number written in ``value`` with ASCII digits only, at most 18 of them; else None.

    Not ``value.isdigit()`` then ``int(value)``: isdigit() passes "²", which int() refuses;
    int() reads Arabic-Indic "١٢" and refuses 5,000 digits; 20 digits overflow bigint in SQL.
    """
    if not isinstance(value, str) or not 0 < len(value) <= MAX_DIGITS:
        return None
    return int(value) if value.isascii() and value.isdigit() else None


def parse_ids(values: Iterable[str]) -> list[int]:
    """The readable ids among ``values`` (ticked rows of a form), the others dropped."""
    return [number for number in map(parse_id, values) if number is not None]
