"""Clustering metrics for deduplication: pairwise and B-cubed precision, recall and F1.

Both take two mappings item -> cluster label (predicted, gold) over the same items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _check(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> None:
    if set(pred) != set(gold):
        missing = len(set(gold) - set(pred))
        extra = len(set(pred) - set(gold))
        raise ValueError(f"predicted and gold items differ ({missing} missing, {extra} extra)")


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over pairs of items put together. With no pairs at all a score is 1.0."""
    _check(pred, gold)

    def pairs(counts: Counter[Hashable]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((pred[i], gold[i]) for i in gold))
    in_pred = pairs(Counter(pred[i] for i in gold))
    in_gold = pairs(Counter(gold.values()))
    p = both / in_pred if in_pred else 1.0
    r = both / in_gold if in_gold else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r), "pairs_pred": in_pred, "pairs_gold": in_gold}


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """B-cubed precision/recall/F1 (Bagga and Baldwin 1998), averaged over items."""
    _check(pred, gold)
    if not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    size_pred = Counter(pred[i] for i in gold)
    size_gold = Counter(gold.values())
    size_both = Counter((pred[i], gold[i]) for i in gold)
    p = sum(size_both[(pred[i], gold[i])] / size_pred[pred[i]] for i in gold) / len(gold)
    r = sum(size_both[(pred[i], gold[i])] / size_gold[gold[i]] for i in gold) / len(gold)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def evaluate(
    pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]
) -> dict[str, dict[str, float]]:
    """Both metric families, plus cluster counts."""
    return {
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
        "clusters": {"items": len(gold), "pred": len(set(pred.values())), "gold": len(set(gold.values()))},
    }
