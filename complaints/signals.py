"""Signals other apps connect to; complaints itself imports nothing that listens.

``complaint_upheld`` is sent once, inside the transaction that marks a complaint upheld,
with ``complaint`` (the Complaint) and ``user`` (who recorded the outcome). The risk engine
connects a receiver that writes a credit event for each of ``complaint.buyers``; because it
runs in the same transaction, the outcome and its credit events are saved together or not at all.
"""

from django.dispatch import Signal

complaint_upheld = Signal()
