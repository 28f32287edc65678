"""Signals other apps connect to; complaints itself imports nothing that listens.

``complaint_upheld`` is sent once, inside the transaction that marks a complaint upheld,
with ``complaint`` (the Complaint) and ``user`` (who recorded the outcome). The buyers'
credit events are written by ``complaint_close`` itself; the signal is for listeners such
as alerts.
"""

from django.dispatch import Signal

complaint_upheld = Signal()
