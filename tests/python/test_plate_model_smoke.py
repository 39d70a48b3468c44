#!/usr/bin/python3
"""Smoke test of tools/plate_model (the neural plate reader pipeline).

  /usr/bin/python3 tests/python/test_plate_model_smoke.py --source-dir .

1. renders a few dozen synthetic plates, trains two steps into a temp dir, exports ONNX,
   loads it with cv2.dnn and checks the contract (input "image" [1,1,64,128], output "logits"
   [1,37,1,32]) and that greedy CTC decoding runs;
2. loads the committed plugins/recognize_neural/model/plate-reader.onnx and checks that it reads
   freshly rendered clean plates correctly (this fails if the committed model is broken).
Exits non-zero on failure. Needs Debian's python3-torch, python3-onnx, python3-opencv, python3-pil
and the fonts listed in tools/plate_model/README.md. Takes well under a minute on 2 cores.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source-dir", required=True)
    a = ap.parse_args()
    tool_dir = os.path.join(a.source_dir, "tools", "plate_model")
    model_path = os.path.join(a.source_dir, "plugins", "recognize_neural", "model", "plate-reader.onnx")
    sys.path.insert(0, tool_dir)
    import cv2
    import gen_data
    import render_plates
    from plate_alphabet import greedy_decode as decode

    cv2.setNumThreads(1)
    failures = []

    # --- 1. pipeline: render -> train 2 steps -> export -> cv2.dnn
    with tempfile.TemporaryDirectory(prefix="plate_model_smoke_") as tmp:
        data = os.path.join(tmp, "data")
        os.makedirs(data)
        imgs, labels, pos = gen_data.render_shard(seed=7, index=0, size=40)
        assert imgs.shape == (40, 64, 128) and imgs.dtype == np.uint8, imgs.shape
        assert all(1 <= len(s) <= 8 and set(s) <= set(render_plates.ALPHABET) for s in labels), labels
        assert pos.shape == (40, 10) and all((pos[i, :len(labels[i])] > -0.5).all() for i in range(40))
        np.savez(os.path.join(data, "shard-smoke-00000.npz"), images=imgs, labels=labels, positions=pos)
        out = os.path.join(tmp, "run")
        cmd = [sys.executable, os.path.join(tool_dir, "train_reader.py"), "--data-dir", data,
               "--val-dir", data, "--out-dir", out, "--steps", "2", "--eval-every", "2",
               "--batch", "8", "--min-samples", "10", "--threads", "2", "--warmup", "1"]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            failures.append("train_reader.py failed")
        else:
            onnx_path = os.path.join(out, "model.onnx")
            net = cv2.dnn.readNetFromONNX(onnx_path)
            blob = cv2.dnn.blobFromImage(imgs[0], 1.0 / 127.5, (128, 64), (127.5,), False, False)
            assert blob.shape == (1, 1, 64, 128), blob.shape
            net.setInput(blob, "image")
            o = net.forward("logits")
            if o.shape != (1, 37, 1, 32):
                failures.append("exported output shape %s != (1,37,1,32)" % (o.shape,))
            s = decode(o)
            if not isinstance(s, str) or len(s) > 32 or not set(s) <= set(render_plates.ALPHABET):
                failures.append("decoding gave %r" % s)
            # torch and cv2.dnn agree on the exported model
            import torch
            from model_def import PlateReader
            ck = torch.load(os.path.join(out, "model.pt"))
            m = PlateReader(ck["preset"])
            m.load_state_dict(ck["model"])
            m.eval()
            with torch.no_grad():
                t = m(torch.from_numpy(blob)).numpy()
            if np.abs(t - o).max() > 1e-3 * max(1.0, np.abs(t).max()):
                failures.append("torch and cv2.dnn disagree: %g" % np.abs(t - o).max())
            print("pipeline ok: output %s, decoded %r" % (o.shape, s))

    # --- 2. the committed model reads clean synthetic plates
    if not os.path.exists(model_path):
        failures.append("committed model missing: %s" % model_path)
    else:
        net = cv2.dnn.readNetFromONNX(model_path)
        names = net.getUnconnectedOutLayersNames()
        rng = random.Random(12345)
        cases = [("ABC1234", 0), ("7XYZ512", 3), ("4GH8812", 6), ("KTM903", 8), ("325MNP", 10),
                 ("JW49201", 0)]
        good = 0
        for label, font in cases:
            img = render_plates.render_clean(rng, label, font)
            blob = cv2.dnn.blobFromImage(img, 1.0 / 127.5, (128, 64), (127.5,), False, False)
            net.setInput(blob, "image")
            o = net.forward("logits")
            if o.shape != (1, 37, 1, 32):
                failures.append("committed model output shape %s (outputs %s)" % (o.shape, names))
                break
            got = decode(o)
            good += got == label
            print("committed model: %-8s -> %s" % (label, got))
        if good < len(cases) - 1:
            failures.append("committed model read only %d/%d clean plates" % (good, len(cases)))

    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
