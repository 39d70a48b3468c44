"""The characters the plate network reads, and its greedy CTC decoding (numpy only, so the
evaluation can run without torch). Class 0 is the CTC blank; classes 1..36 are ALPHABET."""
import numpy as np

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NUM_CLASSES = len(ALPHABET) + 1


def greedy_decode(logits):
    """logits: array-like [37, T] (or [1,37,1,T]) -> string (collapse repeats, drop blanks)."""
    best = np.asarray(logits).reshape(NUM_CLASSES, -1).argmax(axis=0)
    out, prev = [], 0
    for k in best:
        if k != prev and k != 0:
            out.append(ALPHABET[k - 1])
        prev = k
    return "".join(out)
