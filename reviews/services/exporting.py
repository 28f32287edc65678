"""The audit of exports: every file of buyers' data a person downloads leaves a record."""

from reviews.models import ExportEvent, Shop


def export_record(*, shop: Shop, user, kind: str, file_format: str, rows: int, query: str = "") -> ExportEvent:
    """Record that ``user`` downloaded ``rows`` rows of ``kind`` from ``shop`` (filtered by ``query``)."""
    return ExportEvent.objects.create(
        shop=shop, user=user, kind=kind, file_format=file_format, rows=rows, query=query[:500]
    )
