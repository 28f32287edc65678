"""Many ids worked through a few thousand at a time: one statement per batch, never one per id
nor one with more parameters than PostgreSQL takes."""

from collections.abc import Iterator

# How many ids one statement carries (PostgreSQL allows 65,535 parameters).
ID_BATCH = 5000


def chunks(items: list, size: int = ID_BATCH) -> Iterator[list]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
