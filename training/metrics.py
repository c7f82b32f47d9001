"""Valid-set metrics: FER2013-label accuracy, FER+ majority accuracy, macro-F1, per-class P/R/F1."""
import numpy as np

from data import LABELS


def confusion(true, pred, k=len(LABELS)):
    """[k,k] counts, rows = true label, columns = prediction."""
    return np.bincount(true * k + pred, minlength=k * k).reshape(k, k)


def per_class(cm):
    tp = np.diag(cm).astype(np.float64)
    precision = np.divide(tp, cm.sum(0), out=np.zeros_like(tp), where=cm.sum(0) > 0)
    recall = np.divide(tp, cm.sum(1), out=np.zeros_like(tp), where=cm.sum(1) > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    return precision, recall, f1


def evaluate(pred, fer2013, ferplus_majority):
    """pred, fer2013: [N] label indices; ferplus_majority: [N], -1 where not scored."""
    cm = confusion(fer2013, pred)
    p, r, f1 = per_class(cm)
    keep = ferplus_majority >= 0
    cm_plus = confusion(ferplus_majority[keep], pred[keep])
    _, r_plus, f1_plus = per_class(cm_plus)
    out = {
        "fer2013_acc": float((pred == fer2013).mean()),
        "ferplus_majority_acc": float((pred[keep] == ferplus_majority[keep]).mean()),
        "ferplus_majority_n": int(keep.sum()),
        "macro_f1": float(f1.mean()),
        "per_class": {lab: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f1[i]),
                            "support": int(cm[i].sum())} for i, lab in enumerate(LABELS)},
        "confusion": cm.tolist(),
        "ferplus_macro_f1": float(f1_plus.mean()),
        "ferplus_recall": {lab: float(r_plus[i]) for i, lab in enumerate(LABELS)},
        "ferplus_confusion": cm_plus.tolist(),
    }
    out["score"] = (out["fer2013_acc"] + out["ferplus_majority_acc"]) / 2
    return out


def summary(m):
    """One line for the log."""
    recall = " ".join(f"{lab[:3]}={m['per_class'][lab]['recall']:.2f}" for lab in LABELS)
    return (f"fer2013 {m['fer2013_acc']:.4f}  ferplus {m['ferplus_majority_acc']:.4f}  "
            f"macroF1 {m['macro_f1']:.4f}  recall[{recall}]")
