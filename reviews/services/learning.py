"""Rule weights learned per shop from its own labels, tried in shadow before they take over.

Labels: a reviewer's final decision (approve = not malicious; cancel or blacklist = malicious),
else the order's outcome (cancelled or refunded = malicious, completed = not). Features: the rule
codes on the order's stored verdict. A logistic regression over them (fitted by Newton's method
on the distinct reason patterns, so a million orders are a few hundred rows) gives each rule a
log-odds weight; the weights become points on the policy's 0–100 scale so that the review line
keeps one meaning in every shop: reasons adding up to it make an order more likely malicious than
not.

The fit runs on the older 70% of the labelled orders; the newest 30% judge it against the policy
in force (F1 at the review line). Only when it wins do the points become the policy's
``rule_weights``, as a new version with its note; until then they are stored in shadow and shown
beside the rule-precision report. Plain Python: a dozen features need no NumPy or scikit-learn,
and scoring an order stays a sum of integers (the check API's p99 is untouched).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.models import Decision, LearnedWeights, Order, RiskPolicy
from reviews.services.policy import policy_current, policy_save
from reviews.services.rules import CATALOGUE, RULE_OF_CODE, weights_in_force

# A shop needs this many labelled orders, and this many of each kind, before anything is fitted.
MIN_SAMPLES = 200
MIN_EACH = 20
LEARN_DAYS = 90
TRAIN_SHARE = 0.7
# Ridge penalty on the log-odds weights (not the intercept): rules seen on few orders stay small.
L2 = 1.0
# The learned weights must beat the policy in force by this much F1 to take over.
MARGIN = 0.01
MALICIOUS_OUTCOMES = (Order.Status.CANCELLED, Order.Status.REFUNDED)


@dataclass(frozen=True)
class Fit:
    intercept: float
    logits: dict[str, float]


# (rule codes, label) -> orders
Patterns = Counter


def _rule_code(code: str) -> str | None:
    spec = RULE_OF_CODE.get(code)
    return spec.code if spec else None


def labelled_orders(shop_id: int, *, days: int = LEARN_DAYS) -> list[tuple]:
    """``(ordered_at, rule codes, label, risk_score)`` of the shop's labelled orders of the last
    ``days`` days, oldest first. One query."""
    final = (
        Decision.objects.filter(order=OuterRef("pk"), action__in=Decision.FINAL, reversed_at__isnull=True)
        .order_by("-pk")
        .values("action")[:1]
    )
    rows = (
        Order.objects.filter(shop_id=shop_id, ordered_at__gte=timezone.now() - timedelta(days=days))
        .exclude(risk_decision="")
        .annotate(final=Subquery(final))
        .order_by("ordered_at", "pk")
        .values_list("ordered_at", "risk_reasons", "status", "final", "risk_score")
    )
    found = []
    for at, reasons, status, final_action, score in rows.iterator(chunk_size=5000):
        if final_action:
            label = final_action in Decision.CANCELLING
        elif status in MALICIOUS_OUTCOMES:
            label = True
        elif status == Order.Status.COMPLETED:
            label = False
        else:
            continue
        codes = frozenset(c for r in reasons or () if (c := _rule_code(r.get("code", ""))))
        found.append((at, codes, label, score))
    return found


def fit_logistic(patterns: Patterns, *, l2: float = L2, steps: int = 30) -> Fit:
    """Logistic regression of label on rule codes over (codes, label) -> count patterns."""
    names = sorted({code for codes, _label in patterns for code in codes})
    index = {name: i + 1 for i, name in enumerate(names)}
    size = len(names) + 1
    beta = [0.0] * size
    rows = [([0, *(index[c] for c in codes)], label, n) for (codes, label), n in patterns.items()]
    for _step in range(steps):
        gradient = [0.0] * size
        hessian = [[0.0] * size for _ in range(size)]
        for features, label, n in rows:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(beta[i] for i in features)))))
            residual = n * ((1.0 if label else 0.0) - p)
            curvature = n * p * (1 - p)
            for i in features:
                gradient[i] += residual
                for j in features:
                    hessian[i][j] += curvature
        for i in range(1, size):
            gradient[i] -= l2 * beta[i]
            hessian[i][i] += l2
        hessian[0][0] += 1e-6
        change = _solve(hessian, gradient)
        beta = [b + d for b, d in zip(beta, change, strict=True)]
        if max(abs(d) for d in change) < 1e-6:
            break
    return Fit(beta[0], {name: beta[index[name]] for name in names})


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (a dozen unknowns)."""
    n = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        a[col], a[pivot] = a[pivot], a[col]
        if abs(a[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = a[r][col] / a[col][col]
            for c in range(col, n + 1):
                a[r][c] -= factor * a[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(a[r][r]) < 1e-12:
            continue
        x[r] = (a[r][n] - sum(a[r][c] * x[c] for c in range(r + 1, n))) / a[r][r]
    return x


def points_of(fit: Fit, review_threshold: int) -> dict[str, int]:
    """Log-odds weights as points: reasons adding up to the review line give even odds. Only the
    rules whose weight the policy can set (``RuleSpec.weight``) and that are evidence rather than
    the merchant's own lists (``RuleSpec.learnable``); a rule that speaks for innocence here gets
    0, which switches it off."""
    if fit.intercept >= 0:  # most orders malicious: no scale that keeps the line's meaning
        return {}
    scale = review_threshold / -fit.intercept
    fixed = {spec.code for spec in CATALOGUE if spec.weight is not None and spec.learnable}
    return {code: max(0, min(100, round(w * scale))) for code, w in fit.logits.items() if code in fixed}


def _scored(rows: Iterable[tuple], score) -> dict:
    tp = fp = fn = 0
    for _at, codes, label, stored in rows:
        flagged = score(codes, stored)
        tp += flagged and label
        fp += flagged and not label
        fn += (not flagged) and label
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def evaluate(rows: list[tuple], points: dict[str, int], policy: RiskPolicy) -> dict:
    """Precision, recall and F1 at the review line: the stored verdicts (the policy in force) and
    the same reasons weighed with ``points`` (rules the points do not cover keep their stored weight)."""
    line = policy.review_threshold
    current = weights_in_force(policy)

    def learned(codes, stored):
        # The stored score minus what the points replace, plus the points: computed-weight rules stay.
        replaced = sum(current.get(code) or 0 for code in codes if code in points)
        return min(100, max(0, stored - replaced) + sum(points[c] for c in codes if c in points)) >= line

    return {
        "current": _scored(rows, lambda codes, stored: stored >= line),
        "learned": _scored(rows, learned),
        "orders": len(rows),
    }


def weights_learn(*, shop_id: int, take_over: bool = True) -> LearnedWeights | None:
    """Fit this shop's rule weights on its older labelled orders and judge them on the newest; store
    them in shadow, and make them the policy's ``rule_weights`` (a new version) when they beat the
    policy in force. None while the shop has too few labels."""
    rows = labelled_orders(shop_id)
    positives = sum(1 for row in rows if row[2])
    if len(rows) < MIN_SAMPLES or min(positives, len(rows) - positives) < MIN_EACH:
        return None
    policy = policy_current(shop_id=shop_id)
    cut = int(len(rows) * TRAIN_SHARE)
    train, test = rows[:cut], rows[cut:]
    trial = points_of(fit_logistic(Counter((codes, label) for _at, codes, label, _s in train)), policy.review_threshold)
    evaluation = evaluate(test, trial, policy)
    # What takes over is fitted on every labelled order.
    fit = fit_logistic(Counter((codes, label) for _at, codes, label, _s in rows))
    points = points_of(fit, policy.review_threshold)
    learned = LearnedWeights.objects.create(
        shop_id=shop_id, samples=len(rows), positives=positives, weights=points,
        logits={"_intercept": round(fit.intercept, 4), **{code: round(w, 4) for code, w in fit.logits.items()}},
        evaluation=evaluation,
    )  # fmt: skip
    wins = evaluation["learned"]["f1"] >= evaluation["current"]["f1"] + MARGIN
    if take_over and wins and points:
        switched_off = {code: 0 for code, weight in policy.rule_weight_map.items() if weight == 0}
        merged = {**points, **switched_off}  # an admin's "off" stays off
        text = "\n".join(f"{code}={merged[code]}" for code in sorted(merged))
        note = _("学习到的规则权重接管：最近订单上 F1 %(new).2f，原策略 %(old).2f") % {
            "new": evaluation["learned"]["f1"],
            "old": evaluation["current"]["f1"],
        }
        learned.policy = policy_save(shop=policy.shop, values={"rule_weights": text}, user=None, note=note[:255])
        learned.status = LearnedWeights.Status.ACTIVE
        learned.save(update_fields=["policy", "status"])
    return learned


def latest_learned(shop_id: int) -> LearnedWeights | None:
    return LearnedWeights.objects.filter(shop_id=shop_id).order_by("-created_at", "-pk").first()
