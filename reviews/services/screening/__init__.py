"""Screening: one function decides allow / review / block for an order, and says why.

``rules.screen_order(ctx, policy)`` runs every rule — a small pure function over an
``OrderContext`` with its thresholds from the shop's ``RiskPolicy`` — and adds up their
weights into a 0–100 risk score. ``verdicts.screen_orders`` builds the contexts for a whole
batch with a handful of set-based queries (``loading``, then ``features`` in memory), screens
every order in memory and stores the verdicts with one bulk update. Batch screening after an
import, the check API and the backtest all go through these same two functions.

The package, by stage:
- ``loading``: the rows a batch (or one order, in one query) needs, fetched once: targets,
  buyers' records, nearby orders, blacklist hits, tags;
- ``records``: buyers' records and rings (``linked_groups``), a whole shop's at once for the
  backtest;
- ``baselines``: each SKU's and the shop's usual figures, kept in the cache;
- ``features``: the ``OrderContext`` of every target, worked out in memory from the loaded rows;
- ``verdicts``: screening and storing verdicts, alerts, and re-screening in hindsight.

How an order is judged (DESIGN.md §4–5):
- by what was known when it was placed — the windows look back from the order's time, and
  an earlier order counts as "unshipped" if it had not shipped by then — plus the buyer's
  record as it stands now (credit score, cancel/refund rate), because an attack is still an
  attack after the platform closed the order;
- every screened order keeps its verdict (``risk_score``, ``risk_decision``,
  ``risk_reasons``, ``policy_version``), history included;
- only orders a merchant can still act on (unpaid, paid and not shipped, refund requested)
  enter the queue as ``flagged``; every other screened order is ``allowed`` (out of the
  queue) while keeping its verdict;
- an order a person already took up (in review, approved, cancelled, blacklisted) is never
  touched again: its state and verdict stay what the reviewer saw.
"""
