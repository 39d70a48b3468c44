#!/usr/bin/python3
"""Evaluate a plate-reader ONNX with OpenCV dnn exactly as the C++ side runs it.

Preprocessing (contract of issue 6): grey 8-bit image ->
cv2.dnn.blobFromImage(gray, 1/127.5, (128, 64), 127.5) -> forward -> greedy CTC decoding.

  /usr/bin/python3 evaluate_crops.py --model ../../plugins/recognize_neural/model/plate-reader.onnx \
      --bench ../shared/data/openalpr-benchmarks [--us-dev] [--misses 40]

plate-crops: top-1 exact match against groundtruth.csv, plus a summary of the misses.
us-dev (optional): crops each labelled box with a margin (default 10 % per side) from the full
photo and reads it, to estimate how the reader does on rectified scene plates.
The benchmark images are for evaluation only: nothing from them is written anywhere.
"""
import argparse
import collections
import csv
import glob
import os
import sys
import time

import cv2
import numpy as np

from plate_alphabet import greedy_decode


class Reader:
    def __init__(self, path):
        self.net = cv2.dnn.readNetFromONNX(path)
        self.time = 0.0
        self.n = 0

    def read(self, gray):
        t = time.perf_counter()
        blob = cv2.dnn.blobFromImage(gray, 1.0 / 127.5, (128, 64), (127.5,), False, False)
        self.net.setInput(blob, "image")
        out = self.net.forward("logits")
        self.time += time.perf_counter() - t
        self.n += 1
        return greedy_decode(out)

    def ms(self):
        return 1000 * self.time / max(1, self.n)


def align_diff(a, b):
    """Character substitutions (same length) or 'len' for different lengths."""
    if len(a) != len(b):
        return ["len%+d" % (len(b) - len(a))]
    return ["%s>%s" % (x, y) for x, y in zip(a, b) if x != y]


def eval_crops(reader, root, show):
    rows = list(csv.reader(open(os.path.join(root, "groundtruth.csv"))))
    ok, total = 0, 0
    conf = collections.Counter()
    misses = []
    for f, state, plate in rows:
        img = cv2.imread(os.path.join(root, f), cv2.IMREAD_GRAYSCALE)
        if img is None:
            continue
        got = reader.read(img)
        total += 1
        if got == plate:
            ok += 1
        else:
            misses.append((f, plate, got))
            conf.update(align_diff(plate, got))
    print("plate-crops: %d/%d exact = %.2f %%" % (ok, total, 100.0 * ok / total))
    print("  confusions (truth>read):", ", ".join("%s %d" % kv for kv in conf.most_common(25)))
    for m in misses[:show]:
        print("  miss %-14s truth %-10s read %s" % m)
    return ok / total


def eval_usdev(reader, root, margin, show):
    ok, total = 0, 0
    misses = []
    for txt in sorted(glob.glob(os.path.join(root, "*.txt"))):
        for line in open(txt):
            parts = line.strip().split("\t")
            if len(parts) < 6:
                continue
            f, x, y, w, h, plate = parts[0], *map(int, parts[1:5]), parts[5]
            img = cv2.imread(os.path.join(root, f), cv2.IMREAD_GRAYSCALE)
            if img is None:
                continue
            mx, my = int(round(w * margin)), int(round(h * margin))
            x0, y0 = max(0, x - mx), max(0, y - my)
            x1, y1 = min(img.shape[1], x + w + mx), min(img.shape[0], y + h + my)
            got = reader.read(img[y0:y1, x0:x1])
            total += 1
            if got == plate:
                ok += 1
            else:
                misses.append((f[:14], plate, got))
    print("us-dev box crops (margin %.0f %%): %d/%d exact = %.2f %%" % (100 * margin, ok, total, 100.0 * ok / max(1, total)))
    for m in misses[:show]:
        print("  miss %-14s truth %-10s read %s" % m)
    return ok / max(1, total)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=os.path.join(here, "../../plugins/recognize_neural/model/plate-reader.onnx"))
    ap.add_argument("--bench", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "openalpr-benchmarks"))
    ap.add_argument("--us-dev", action="store_true")
    ap.add_argument("--margin", type=float, default=0.10)
    ap.add_argument("--misses", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    cv2.setNumThreads(a.threads)
    if not os.path.isdir(os.path.join(a.bench, "plate-crops")):
        print("benchmark folder not found: %s (skipping)" % a.bench)
        return 0
    reader = Reader(a.model)
    reader.read(np.zeros((64, 128), np.uint8))  # warm-up
    reader.time, reader.n = 0.0, 0
    eval_crops(reader, os.path.join(a.bench, "plate-crops"), a.misses)
    if a.us_dev:
        eval_usdev(reader, os.path.join(a.bench, "us-dev"), a.margin, a.misses)
    print("%.2f ms per read (blobFromImage + forward, %d thread(s), %d reads)" % (reader.ms(), a.threads, reader.n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
