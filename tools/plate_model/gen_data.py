#!/usr/bin/python3
"""Pre-render synthetic plate samples into .npz shards (scratch data, never in the repo).

Each shard holds images [N,64,128] uint8, labels [N] and positions [N,10] (x centre of each
label character as a fraction of the width, -1 = none). Each shard i is rendered with random.Random(seed * 1_000_003 + i), so a shard's content depends
only on (seed, i, shard size). Shards that already exist are skipped, so several processes can
share the work (--worker K --workers N renders shards i with i % N == K).

  /usr/bin/python3 gen_data.py --out-dir /tmp/plate_model/data --shards 40 --shard-size 2000
"""
import argparse
import os
import random
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render_plates  # noqa: E402


def render_shard(seed, index, size):
    rng = random.Random(seed * 1_000_003 + index)
    np.random.seed((seed * 7919 + index) % (2 ** 31))
    imgs = np.zeros((size, render_plates.OUT_H, render_plates.OUT_W), np.uint8)
    labels = []
    pos = np.full((size, 10), -1.0, np.float32)
    for k in range(size):
        img, lab, xs = render_plates.render_sample(rng, with_positions=True)
        imgs[k] = img
        labels.append(lab)
        pos[k, :len(xs)] = xs[:10]
    return imgs, np.array(labels), pos


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--shards", type=int, default=40)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--shard-size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--worker", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    for i in range(a.first, a.first + a.shards):
        if i % a.workers != a.worker:
            continue
        path = os.path.join(a.out_dir, "shard-s%d-%05d.npz" % (a.seed, i))
        if os.path.exists(path):
            continue
        t = time.time()
        imgs, labels, pos = render_shard(a.seed, i, a.shard_size)
        tmp = path + ".tmp.npz"
        np.savez(tmp, images=imgs, labels=labels, positions=pos)
        os.replace(tmp, path)
        print("%s %d samples %.1fs" % (path, a.shard_size, time.time() - t), flush=True)


if __name__ == "__main__":
    main()
