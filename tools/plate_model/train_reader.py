#!/usr/bin/python3
"""Train the plate reader (CTC) on synthetic shards made by gen_data.py, then export ONNX.

  /usr/bin/python3 train_reader.py --data-dir /tmp/plate_model/data --val-dir /tmp/plate_model/val \
      --out-dir /tmp/plate_model/run1 --steps 20000 --batch 64

Shards are re-scanned while training (gen_data.py may still be writing them), so rendering and
training can run side by side. Every --eval-every steps it measures exact-match accuracy on the
validation shards, saves a checkpoint (model.pt) and exports model.onnx (opset 11, "image" ->
"logits", BatchNorm folded). Deterministic for a given seed and the same set of shards.
"""
import argparse
import glob
import math
import os
import random
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model_def import ALPHABET, PlateReader, export_onnx, greedy_decode  # noqa: E402

CHAR_INDEX = {c: i + 1 for i, c in enumerate(ALPHABET)}


class ShardPool:
    def __init__(self, data_dirs, max_shards=None):
        self.dirs = data_dirs
        self.loaded = set()
        self.images = []
        self.labels = []
        self.positions = []
        self.max_shards = max_shards

    def refresh(self):
        paths = sorted(p for d in self.dirs for p in glob.glob(os.path.join(d, "shard-*.npz"))
                       if not p.endswith(".tmp.npz"))
        if self.max_shards:
            paths = paths[:self.max_shards]
        new = [p for p in paths if p not in self.loaded]
        for p in new:
            try:
                z = np.load(p)
                self.images.append(z["images"])
                self.labels.extend(str(s) for s in z["labels"])
                n = len(z["labels"])
                self.positions.append(z["positions"] if "positions" in z.files else np.full((n, 10), -1.0, np.float32))
                self.loaded.add(p)
            except Exception as e:  # a shard being written
                print("skip", p, e)
        if new:
            self.all_images = np.concatenate(self.images) if len(self.images) > 1 else self.images[0]
            self.images = [self.all_images]
            self.all_positions = np.concatenate(self.positions) if len(self.positions) > 1 else self.positions[0]
            self.positions = [self.all_positions]
        return len(new)

    def __len__(self):
        return len(self.labels)


def to_tensor(imgs):
    x = torch.from_numpy(imgs.astype(np.float32)).unsqueeze(1)
    return (x - 127.5) / 127.5


def augment(x, gen):
    """Cheap extra augmentation on a batch [N,1,64,128] in normalised units."""
    n = x.shape[0]
    # small affine: scale, translation, a little rotation
    s = 1 + (torch.rand(n, generator=gen) - 0.5) * 0.12
    sx = s * (1 + (torch.rand(n, generator=gen) - 0.5) * 0.12)
    tx = (torch.rand(n, generator=gen) - 0.5) * 0.06
    ty = (torch.rand(n, generator=gen) - 0.5) * 0.1
    r = (torch.rand(n, generator=gen) - 0.5) * 0.06
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = sx * torch.cos(r)
    theta[:, 0, 1] = -torch.sin(r) * 0.5
    theta[:, 1, 0] = torch.sin(r) * 2
    theta[:, 1, 1] = s * torch.cos(r)
    theta[:, 0, 2] = tx
    theta[:, 1, 2] = ty
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, padding_mode="border", align_corners=False)
    # output x_n -> input x_n is about sx*x_n + tx (rotation ignored): keep for the aux targets
    xmap = torch.stack([theta[:, 0, 0], theta[:, 0, 2]], 1).tolist()
    # contrast / brightness
    c = torch.exp((torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.6)
    b = (torch.rand(n, 1, 1, 1, generator=gen) - 0.5) * 0.3
    x = (x * c + b).clamp(-1, 1)
    return x, xmap


def frame_targets(labels, positions, affine=None, T=32):
    """Per-column targets for the auxiliary loss: the class of a label character at the column
    of its centre, blank (0) elsewhere; -100 (ignored) for samples without positions."""
    n = len(labels)
    tgt = torch.zeros(n, T, dtype=torch.long)
    for i, s in enumerate(labels):
        xs = positions[i]
        if (xs < -0.5).all():
            tgt[i] = -100
            continue
        for k, c in enumerate(s[:len(xs)]):
            x = xs[k]
            if affine is not None:  # map through the torch augmentation (output->input grid)
                a, b = affine[i]
                x = ((2 * x - 1) - b) / a
                x = (x + 1) / 2
            t = int(math.floor(x * T))
            if 0 <= t < T:
                tgt[i, t] = CHAR_INDEX[c]
    return tgt


def encode(labels):
    targets = torch.tensor([CHAR_INDEX[c] for s in labels for c in s], dtype=torch.long)
    lengths = torch.tensor([len(s) for s in labels], dtype=torch.long)
    return targets, lengths


def evaluate(model, imgs, labels, batch=256):
    model.eval()
    ok = 0
    with torch.no_grad():
        for i in range(0, len(labels), batch):
            out = model(to_tensor(imgs[i:i + batch])).numpy()
            for k in range(out.shape[0]):
                ok += greedy_decode(out[k]) == labels[i + k]
    model.train()
    return ok / max(1, len(labels))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", action="append", required=True)
    ap.add_argument("--val-dir", default=None)
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--preset", default="s")
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--min-samples", type=int, default=2000)
    ap.add_argument("--init", default=None, help="start from this model.pt")
    ap.add_argument("--aug", type=float, default=0.7, help="fraction of a batch given the extra torch augmentation")
    ap.add_argument("--max-shards", type=int, default=None)
    ap.add_argument("--aux", type=float, default=1.0, help="weight of the per-column loss (needs positions)")
    ap.add_argument("--aux-steps", type=int, default=1000000, help="after this many steps the aux weight drops to 10 %%")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    os.makedirs(a.out_dir, exist_ok=True)

    pool = ShardPool(a.data_dir, a.max_shards)
    while True:
        pool.refresh()
        if len(pool) >= a.min_samples:
            break
        print("waiting for shards (%d samples)" % len(pool), flush=True)
        time.sleep(20)
    val_imgs, val_labels = None, None
    if a.val_dir:
        vp = ShardPool([a.val_dir])
        vp.refresh()
        val_imgs, val_labels = vp.all_images, vp.labels

    model = PlateReader(a.preset)
    if a.init:
        model.load_state_dict(torch.load(a.init)["model"])
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)

    def lr_at(step):
        if step < a.warmup:
            return a.lr * (step + 1) / a.warmup
        p = (step - a.warmup) / max(1, a.steps - a.warmup)
        return a.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * p)))

    t0 = time.time()
    run_loss = None
    model.train()
    for step in range(a.steps):
        if step % 200 == 0 and step > 0:
            pool.refresh()
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        idx = rng.integers(0, len(pool), a.batch)
        x = to_tensor(pool.all_images[idx])
        labels = [pool.labels[i] for i in idx]
        pos = pool.all_positions[idx]
        na = int(a.batch * a.aug)
        xmap = [None] * a.batch
        if na > 0:
            x[:na], xm = augment(x[:na], gen)
            xmap[:na] = xm
        logits = model(x)                                  # N,37,1,T
        lp = logits.squeeze(2).permute(2, 0, 1).log_softmax(2)  # T,N,37
        targets, tl = encode(labels)
        il = torch.full((a.batch,), lp.shape[0], dtype=torch.long)
        loss = ctc(lp, targets, il, tl)
        if a.aux > 0:
            ft = frame_targets(labels, pos, [m if m is not None else (1.0, 0.0) for m in xmap])
            aux_w = a.aux if step < a.aux_steps else a.aux * 0.1
            if (ft >= 0).any():
                loss = loss + aux_w * F.cross_entropy(logits.squeeze(2), ft, ignore_index=-100)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        run_loss = loss.item() if run_loss is None else 0.98 * run_loss + 0.02 * loss.item()
        if step % 100 == 0:
            print("step %d loss %.4f lr %.5f samples %d %.0fs" % (step, run_loss, lr_at(step), len(pool), time.time() - t0), flush=True)
        if (step + 1) % a.eval_every == 0 or step + 1 == a.steps:
            acc = evaluate(model, val_imgs, val_labels) if val_imgs is not None else float("nan")
            torch.save({"model": model.state_dict(), "preset": a.preset, "step": step + 1}, os.path.join(a.out_dir, "model.pt"))
            export_onnx(model, os.path.join(a.out_dir, "model.onnx"))
            # keep every export: partial runs stay usable and checkpoints can be compared later
            shutil.copyfile(os.path.join(a.out_dir, "model.onnx"), os.path.join(a.out_dir, "model-step%05d.onnx" % (step + 1)))
            print("EVAL step %d synthetic-val exact %.4f  %.0fs" % (step + 1, acc, time.time() - t0), flush=True)


if __name__ == "__main__":
    main()
