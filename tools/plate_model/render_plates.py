#!/usr/bin/python3
"""Synthetic US-style licence plate renderer for the PlateBus neural plate reader.

Everything here is drawn from scratch with fonts shipped by Debian packages
(fonts-bebas-neue, fonts-roboto-unhinted, fonts-liberation, fonts-urw-base35,
fonts-dejavu-core/-extra). No real plate pixels are used anywhere.

A sample is made in three stages:
  1. plate design: background colour/gradient/graphics, border, state name on top,
     slogan at the bottom, stickers, bolt holes, small stacked characters, and the
     main row of characters (the label) in a plate-like font, optionally embossed;
  2. scene: the plate inside an optional licence plate frame with dealer text, on a
     car body / bumper;
  3. camera: perspective/rotation, loose or tight crop of the plate region, scale,
     blur, motion blur, noise, JPEG, exposure, shadows, glare, dirt, night/IR looks.

The output is a grey uint8 image of OUT_W x OUT_H (128x64) made with cv2.resize
INTER_LINEAR, i.e. exactly what cv::dnn::blobFromImage gets in C++.

Usage as a script (writes a preview mosaic):
  /usr/bin/python3 render_plates.py --preview /tmp/plate_model/preview.png --seed 1
"""
import argparse
import functools
import json
import math
import os
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from plate_alphabet import ALPHABET

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OUT_W, OUT_H = 128, 64

PW, PH = 320, 160          # plate design canvas (12" x 6" plate)
SW, SH = 480, 300          # scene canvas; the plate sits at (SX0, SY0)
SX0, SY0 = (SW - PW) // 2, (SH - PH) // 2

_F = "/usr/share/fonts/"
# (path, x-squeeze range, weight) - fonts whose characters look like plate characters.
MAIN_FONTS = [
    (_F + "opentype/bebas-neue/BebasNeue-Bold.otf", (0.85, 1.25), 6),
    (_F + "opentype/bebas-neue/BebasNeue-Regular.otf", (0.85, 1.25), 6),
    (_F + "opentype/bebas-neue/BebasNeue-Book.otf", (0.85, 1.2), 3),
    (_F + "truetype/roboto/unhinted/RobotoCondensed-Bold.ttf", (0.7, 0.95), 4),
    (_F + "truetype/roboto/unhinted/RobotoCondensed-Medium.ttf", (0.7, 0.95), 4),
    (_F + "truetype/roboto/unhinted/RobotoCondensed-Regular.ttf", (0.7, 0.95), 2),
    (_F + "truetype/liberation/LiberationSansNarrow-Bold.ttf", (0.75, 1.0), 4),
    (_F + "truetype/liberation/LiberationSansNarrow-Regular.ttf", (0.75, 1.0), 2),
    (_F + "opentype/urw-base35/NimbusSansNarrow-Bold.otf", (0.75, 1.0), 3),
    (_F + "opentype/urw-base35/NimbusSansNarrow-Regular.otf", (0.75, 1.0), 1),
    (_F + "truetype/dejavu/DejaVuSansCondensed-Bold.ttf", (0.6, 0.8), 3),
    (_F + "truetype/dejavu/DejaVuSans-Bold.ttf", (0.55, 0.75), 2),
    (_F + "truetype/dejavu/DejaVuSansMono-Bold.ttf", (0.6, 0.85), 2),
    (_F + "truetype/liberation/LiberationSans-Bold.ttf", (0.6, 0.8), 2),
    (_F + "truetype/liberation/LiberationMono-Bold.ttf", (0.6, 0.85), 1),
    (_F + "opentype/urw-base35/NimbusSans-Bold.otf", (0.6, 0.8), 1),
    (_F + "opentype/urw-base35/NimbusMonoPS-Bold.otf", (0.6, 0.85), 1),
    (_F + "truetype/roboto/unhinted/Roboto-Bold.ttf", (0.6, 0.8), 1),
    (_F + "truetype/roboto/unhinted/Roboto-Medium.ttf", (0.6, 0.8), 1),
    (_F + "opentype/urw-base35/URWGothic-Demi.otf", (0.55, 0.75), 1),
    (_F + "truetype/dejavu/DejaVuSansCondensed.ttf", (0.6, 0.8), 1),
    (_F + "truetype/roboto/unhinted/RobotoCondensed-BoldItalic.ttf", (0.7, 0.95), 1),
    # Serif and slab plates (Virginia, New Jersey, older issues): their G, 8 and V are not the sans
    # shapes above (G->C, 8->B, V->Y).
    (_F + "opentype/urw-base35/C059-Bold.otf", (0.55, 0.75), 2),
    (_F + "truetype/liberation/LiberationSerif-Bold.ttf", (0.6, 0.8), 2),
    (_F + "truetype/dejavu/DejaVuSerif-Bold.ttf", (0.5, 0.7), 1),
    (_F + "truetype/dejavu/DejaVuSerifCondensed-Bold.ttf", (0.6, 0.8), 1),
]
# Fonts for state names, slogans, dealer text and stickers (anything goes).
DECOR_FONTS = [
    _F + "opentype/urw-base35/Z003-MediumItalic.otf",
    _F + "truetype/dejavu/DejaVuSerif-Bold.ttf",
    _F + "truetype/dejavu/DejaVuSerif.ttf",
    _F + "truetype/liberation/LiberationSerif-Bold.ttf",
    _F + "truetype/liberation/LiberationSerif-Italic.ttf",
    _F + "truetype/liberation/LiberationSans-Bold.ttf",
    _F + "truetype/liberation/LiberationSans-Regular.ttf",
    _F + "opentype/urw-base35/C059-Bold.otf",
    _F + "opentype/urw-base35/C059-BdIta.otf",
    _F + "opentype/urw-base35/P052-Bold.otf",
    _F + "opentype/urw-base35/URWBookman-Demi.otf",
    _F + "opentype/urw-base35/NimbusRoman-BoldItalic.otf",
    _F + "opentype/urw-base35/NimbusSans-Bold.otf",
    _F + "opentype/urw-base35/URWGothic-Book.otf",
    _F + "opentype/bebas-neue/BebasNeue-Regular.otf",
    _F + "truetype/roboto/unhinted/RobotoCondensed-Bold.ttf",
    _F + "truetype/dejavu/DejaVuSans-Bold.ttf",
]

STATES = ["Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
          "Delaware", "Florida", "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa",
          "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts", "Michigan",
          "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
          "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina",
          "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
          "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
          "Washington", "West Virginia", "Wisconsin", "Wyoming", "Washington, D.C.",
          "myflorida.com", "Empire State", "visitPA.com"]
SLOGANS = ["Sunshine State", "Ocean State", "Garden State", "The First State", "Land of Lincoln",
           "Great Faces. Great Places.", "Live Free or Die", "The Natural State",
           "America's Dairyland", "Famous Potatoes", "Grand Canyon State", "Heart of Dixie",
           "Sportsman's Paradise", "Land of Enchantment", "First in Flight", "The Silver State",
           "Celebrating Statehood 1959-2009", "Taxation Without Representation",
           "Wild, Wonderful", "Peach State", "The Lone Star State", "Volunteer State",
           "Show Me State", "Great Lakes", "Pure Michigan", "The Beehive State", "Green Mountains",
           "10,000 Lakes", "Explore Minnesota", "Big Sky Country", "Official Ambassador",
           "In God We Trust", "Choose Life", "Support Our Troops", "Veteran", "Firefighter",
           "Collegiate", "Keep Kansas Beautiful", "Bluegrass State", "Vacationland",
           "Discover the Spirit", "Centennial 1912-2012", "County", "Commercial", "Trailer",
           "Passenger", "Apportioned", "Fleet", "Official", "Dealer", "Amateur Radio"]
DEALERS = ["AUTO MALL", "HONDA OF", "TOYOTA", "FORD", "CHEVROLET", "NISSAN", "BMW OF",
           "SUBARU", "Motors Inc.", "CARMAX", "Kia", "MAZDA", "LEXUS", "Dodge Ram", "Jeep",
           "Auto Sales", "Hyundai", "www.autos.com", "Volkswagen", "ACURA", "Buick GMC",
           "Cadillac", "I'd rather be fishing", "Alumni", "Go Team", "Infiniti"]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

# The formats the reader also uses as its prior (one file for both), plus free mixes (vanity
# plates) of 2..10 characters, "*", with the weight 6.
FORMATS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "..", "..", "plugins", "recognize_neural", "model", "us-plate-formats.json")
with open(FORMATS_FILE) as formats_file:
    PATTERNS = list(json.load(formats_file)["formats"].items()) + [("*", 6)]


def letter(rng):
    # O is rarer than other letters on US plates but common enough in the benchmark that the
    # reader must not treat it as 0; I and Q are rarer (I also pulls real 1s toward I).
    while True:
        c = rng.choice(LETTERS)
        if c == "O" and rng.random() > 0.25:
            continue
        if c in "IQ" and rng.random() > 0.45:
            continue
        return c


def random_label(rng):
    pats, weights = zip(*PATTERNS)
    p = rng.choices(pats, weights)[0]
    if p == "*":  # vanity plate / free mix, 2..10 characters (hot lists hold up to 10)
        n = rng.choices([2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 4, 5, 5, 4, 2, 1, 0.5])[0]
        pl = rng.random()
        s = "".join(letter(rng) if rng.random() < pl else rng.choice(DIGITS) for _ in range(n))
    else:
        s = "".join(letter(rng) if ch == "L" else rng.choice(DIGITS) for ch in p)
    # Doubles (NN, 11, 00): CTC needs a blank between them, and tight spacing merges them.
    if len(s) >= 2 and rng.random() < 0.25:
        i = rng.randrange(len(s) - 1)
        if s[i].isdigit() == s[i + 1].isdigit():
            s = s[:i + 1] + s[i] + s[i + 2:]
    return s


def split_groups(rng, label):
    """Split the label into 1..3 groups at letter/digit boundaries (mostly)."""
    n = len(label)
    if n <= 3 or rng.random() < 0.3:
        return [label]
    cuts = [i for i in range(1, n) if label[i].isdigit() != label[i - 1].isdigit()]
    if not cuts or rng.random() < 0.25:
        cuts = [i for i in range(2, n - 1)]
    k = 1 if (len(cuts) < 2 or rng.random() < 0.8) else 2
    cs = sorted(rng.sample(cuts, min(k, len(cuts))))
    groups, prev = [], 0
    for c in cs:
        groups.append(label[prev:c])
        prev = c
    groups.append(label[prev:])
    return [g for g in groups if g]


# ----------------------------------------------------------------------------- glyphs

@functools.lru_cache(maxsize=None)
def glyph_set(path):
    """Masks (float32 0..1) of A-Z0-9 cropped to the common cap-height band and ink width."""
    font = ImageFont.truetype(path, 120)
    hb = font.getbbox("H", anchor="ls")
    top, base = hb[1], hb[3]
    out = {}
    for ch in ALPHABET + "-":  # noqa: B007
        im = Image.new("L", (240, 260), 0)
        ImageDraw.Draw(im).text((40, 200), ch, font=font, fill=255, anchor="ls")
        a = np.asarray(im, dtype=np.float32) / 255.0
        band = a[200 + top - 1: 200 + base + 2]
        cols = np.where(band.max(axis=0) > 0.1)[0]
        if ch == "-":
            out[ch] = band[:, cols[0]:cols[-1] + 1].copy()
            continue
        out[ch] = band[:, cols[0]:cols[-1] + 1].copy()
    out.update(glyph_variants(out))
    return out


def rounded_rect(c, x0, y0, x1, y1, r, val):
    """Fill a rectangle with corners rounded to radius r (drawn shapes for the plate glyphs)."""
    r = max(1, min(r, (x1 - x0) // 2, (y1 - y0) // 2))
    cv2.rectangle(c, (x0 + r, y0), (x1 - r, y1), val, -1)
    cv2.rectangle(c, (x0, y0 + r), (x1, y1 - r), val, -1)
    for cx, cy in ((x0 + r, y0 + r), (x1 - r, y0 + r), (x0 + r, y1 - r), (x1 - r, y1 - r)):
        cv2.circle(c, (cx, cy), r, val, -1)


def glyph_variants(g):
    """Plate-font shapes the Debian fonts lack: I with serifs, open and narrow 4s, plate Ws, 0, 1, 8."""
    v = {}
    i = g["I"]
    rows = np.where(i.max(axis=1) > 0.5)[0]
    r0, r1 = rows[0], rows[-1] + 1
    sw = i.shape[1]
    m = np.zeros((i.shape[0], sw * 3), np.float32)
    m[r0:r1, sw:2 * sw] = i[r0:r1]
    bar = max(2, int(round(sw * 0.75)))
    m[r0:r0 + bar, :] = 1.0
    m[r1 - bar:r1, :] = 1.0
    v["I_serif"] = m
    # Highway-Gothic-like shapes drawn from strokes: "4" with a separate upright left stroke,
    # narrow "W" whose middle apex reaches the top.
    H = r1 - r0
    k = 4  # supersampling
    st = max(2, min(sw, int(0.2 * H))) * k  # mono fonts have a serifed I as wide as a cell
    w4 = int(0.58 * H) * k + st
    c = np.zeros((i.shape[0] * k, w4), np.uint8)
    R0, R1 = r0 * k, r1 * k
    sx = int(0.62 * (w4 - st))
    c[R0:R1, sx:sx + st] = 255
    cb = R0 + int(0.64 * H * k)
    c[cb:cb + int(st * 0.9), :] = 255
    cv2.line(c, (st // 2 + int(0.12 * w4), R0 + st // 3), (st // 2, cb), 255, st)
    v["4_stick"] = cv2.resize(c, (w4 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    ww = int(0.66 * H) * k + st
    c = np.zeros((i.shape[0] * k, ww), np.uint8)
    xs = [st // 2 + int(f * (ww - st)) for f in (0.0, 0.25, 0.5, 0.75, 1.0)]
    ys = [R0 + st // 3, R1 - st // 3, R0 + st // 3, R1 - st // 3, R0 + st // 3]
    cv2.polylines(c, [np.array(list(zip(xs, ys)), np.int32)], False, 255, int(st * 0.85))
    v["W_narrow"] = cv2.resize(c, (ww // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # W as two overlapping Vs, the middle strokes crossing (North Carolina): W->H
    c = np.zeros((i.shape[0] * k, ww), np.uint8)
    xs = [st // 2 + int(f * (ww - st)) for f in (0.0, 0.3, 0.6)]
    for shift in (0, int(0.4 * (ww - st))):
        pts = [(xs[0] + shift, R0 + st // 3), (xs[1] + shift, R1 - st // 3), (xs[2] + shift, R0 + st // 3)]
        cv2.polylines(c, [np.array(pts, np.int32)], False, 255, int(st * 0.8))
    v["W_crossed"] = cv2.resize(c, (ww // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # W whose middle apex stops at 55-65 % of the height (California): W->M
    c = np.zeros((i.shape[0] * k, ww), np.uint8)
    xs = [st // 2 + int(f * (ww - st)) for f in (0.0, 0.25, 0.5, 0.75, 1.0)]
    mid = R0 + int(0.4 * H * k)
    ys = [R0 + st // 3, R1 - st // 3, mid, R1 - st // 3, R0 + st // 3]
    cv2.polylines(c, [np.array(list(zip(xs, ys)), np.int32)], False, 255, int(st * 0.85))
    v["W_low_middle"] = cv2.resize(c, (ww // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # a tall narrow closed 4, diagonal meeting the stem's top, crossbar low (Illinois): 4->L
    w4 = int(0.42 * H) * k + st
    c = np.zeros((i.shape[0] * k, w4), np.uint8)
    sx = int(0.68 * (w4 - st))
    c[R0:R1, sx:sx + st] = 255
    cb = R0 + int(0.68 * H * k)
    c[cb:cb + int(st * 0.85), :] = 255
    cv2.line(c, (sx + st // 2, R0 + st // 3), (st // 2, cb), 255, int(st * 0.85))
    v["4_narrow"] = cv2.resize(c, (w4 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # narrower still, the diagonal nearly upright and thinner than the stem, the crossbar running
    # a little past the stem (Illinois' condensed 4, read as L when the diagonal fades)
    w4 = int(0.32 * H) * k + st
    c = np.zeros((i.shape[0] * k, w4 + st // 2), np.uint8)
    sx = w4 - st
    c[R0:R1, sx:sx + st] = 255
    cb = R0 + int(0.7 * H * k)
    c[cb:cb + int(st * 0.8), :] = 255
    cv2.line(c, (sx + st // 4, R0 + st // 3), (st // 3, cb), 255, int(st * 0.7))
    v["4_condensed"] = cv2.resize(c, (c.shape[1] // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # plate Ms with upright sides and a V that stops at 45 % or 65 % of the height, its strokes
    # thinner than the sides: at low resolution the V fades and the M reads as H (M->H)
    wm = int(0.62 * H) * k + st
    for name, depth in (("M_shallow", 0.45), ("M_mid", 0.65)):
        c = np.zeros((i.shape[0] * k, wm), np.uint8)
        c[R0:R1, 0:st] = 255
        c[R0:R1, wm - st:wm] = 255
        apex = (wm // 2, R0 + int(depth * H * k))
        for x in (st // 2, wm - st // 2):
            cv2.line(c, (x, R0 + st // 3), apex, 255, int(st * 0.75))
        v[name] = cv2.resize(c, (wm // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # a second open-top 4: upright left stroke, lower crossbar, stem far right (Highway Gothic)
    w4 = int(0.62 * H) * k + st
    c = np.zeros((i.shape[0] * k, w4), np.uint8)
    sx = int(0.72 * (w4 - st))
    c[R0 + int(0.05 * H * k):R1, sx:sx + st] = 255
    cb = R0 + int(0.7 * H * k)
    c[cb:cb + int(st * 0.9), :] = 255
    c[R0 + st // 4:cb, 0:st] = 255
    v["4_upright"] = cv2.resize(c, (w4 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # plate 0: straight sides and round ends (a stadium), which the Debian 0s lack (0->D)
    w0 = int(0.5 * H) * k + st
    c = np.zeros((i.shape[0] * k, w0), np.uint8)
    rad = w0 // 2
    yt, yb = R0 + rad, R1 - rad
    cv2.rectangle(c, (0, yt), (w0 - 1, yb), 255, -1)
    cv2.circle(c, (rad, yt), rad, 255, -1)
    cv2.circle(c, (rad, yb), rad, 255, -1)
    cv2.rectangle(c, (st, yt), (w0 - 1 - st, yb), 0, -1)
    cv2.circle(c, (rad, yt), max(1, rad - st), 0, -1)
    cv2.circle(c, (rad, yb), max(1, rad - st), 0, -1)
    v["0_stadium"] = cv2.resize(c, (w0 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # plate 1: a plain upright stroke with a short flag and no foot (1->I)
    w1 = int(0.16 * H) * k + st
    c = np.zeros((i.shape[0] * k, w1), np.uint8)
    c[R0:R1, w1 - st:w1] = 255
    cv2.line(c, (w1 - st, R0 + st // 2), (st // 2, R0 + int(0.22 * H * k)), 255, int(st * 0.8))
    v["1_flag"] = cv2.resize(c, (w1 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # plate 1 as a bare upright stroke, no flag, no foot (New Hampshire, Massachusetts): the
    # same shape as a sans I, so only the plate's format can tell them apart (1->I)
    w1 = st
    c = np.zeros((i.shape[0] * k, w1), np.uint8)
    c[R0:R1, :] = 255
    v["1_bar"] = cv2.resize(c, (max(1, w1 // k), i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # plate 0 as a rounded rectangle: straight sides, corners rounded on both sides (0->D)
    c = np.zeros((i.shape[0] * k, w0), np.uint8)
    rr = int(0.3 * w0)
    rounded_rect(c, 0, R0, w0 - 1, R1 - 1, rr, 255)
    rounded_rect(c, st, R0 + st, w0 - 1 - st, R1 - 1 - st, max(1, rr - st), 0)
    v["0_rounded"] = cv2.resize(c, (w0 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # 8 as two stacked rounded boxes with straight sides, the top one narrower (Highway Gothic): 8->B
    w8 = int(0.48 * H) * k + st
    c = np.zeros((i.shape[0] * k, w8), np.uint8)
    mid = R0 + int(0.47 * H * k)
    t8 = int(st * 0.8)
    ins = int(0.05 * w8)
    boxes = ((ins, R0, w8 - 1 - ins, mid + t8 // 2), (0, mid - t8 // 2, w8 - 1, R1 - 1))
    for x0, y0, x1, y1 in boxes:
        rounded_rect(c, x0, y0, x1, y1, int(0.4 * (x1 - x0)), 255)
    for x0, y0, x1, y1 in boxes:
        rounded_rect(c, x0 + t8, y0 + t8, x1 - t8, y1 - t8, max(1, int(0.4 * (x1 - x0)) - t8), 0)
    v["8_stacked"] = cv2.resize(c, (w8 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    # 8 as two stacked rings, the top one narrower (8->B)
    w8 = int(0.46 * H) * k + st
    c = np.zeros((i.shape[0] * k, w8), np.uint8)
    mid = R0 + int(0.46 * H * k)
    t8 = int(st * 0.7)  # thinner than the font's stroke, or bold fonts close the holes
    cv2.ellipse(c, (w8 // 2, (R0 + mid) // 2), (int((w8 - t8) * 0.42), (mid - R0 - t8) // 2), 0, 0, 360, 255, t8)
    cv2.ellipse(c, (w8 // 2, (mid + R1) // 2), ((w8 - t8) // 2, (R1 - mid - t8) // 2), 0, 0, 360, 255, t8)
    v["8_loops"] = cv2.resize(c, (w8 // k, i.shape[0]), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    f = g["4"].copy()
    h = f.shape[0]
    colfill = (f > 0.5).mean(axis=0)
    stem = np.where(colfill > 0.7)[0]
    if len(stem):
        sx = stem[0]
        gap = max(2, int(0.1 * f.shape[1]))
        rowfill = (f > 0.5).mean(axis=1)
        cb = [r for r in range(h // 2, h) if rowfill[r] > 0.6]
        if cb:
            f[:cb[0] - 1, max(0, sx - gap):sx] = 0.0   # detach the diagonal from the stem
            f[:int(0.18 * h), :sx] = 0.0               # and keep it off the top line
            v["4_open"] = f
    return v


@functools.lru_cache(maxsize=4096)
def text_mask(text, path, size):
    font = ImageFont.truetype(path, size)
    l, t, r, b = font.getbbox(text)
    w, h = max(1, r - l + 4), max(1, b - t + 4)
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).text((2 - l, 2 - t), text, font=font, fill=255)
    return np.asarray(im, dtype=np.float32) / 255.0


def paste(canvas, mask, color, x, y, alpha=1.0):
    """Alpha-blend a solid colour through mask at (x,y) (top-left), clipped."""
    H, W = canvas.shape[:2]
    h, w = mask.shape
    if h * w > 4000:  # only touch the inked part of big masks
        bx, by, bw, bh = cv2.boundingRect((mask > 0.004).astype(np.uint8))
        if bw == 0 or bh == 0:
            return
        mask = mask[by:by + bh, bx:bx + bw]
        x, y, h, w = x + bx, y + by, bh, bw
    x0, y0 = max(0, x), max(0, y)
    x1, y1 = min(W, x + w), min(H, y + h)
    if x1 <= x0 or y1 <= y0:
        return
    m = mask[y0 - y:y1 - y, x0 - x:x1 - x, None] * alpha
    reg = canvas[y0:y1, x0:x1]
    reg *= (1 - m)
    reg += m * np.asarray(color, np.float32)


def fit_text(text, path, max_w, max_h):
    m = text_mask(text, path, 48)
    s = min(max_w / m.shape[1], max_h / m.shape[0])
    if s <= 0:
        return None
    w, h = max(1, int(m.shape[1] * s)), max(1, int(m.shape[0] * s))
    return cv2.resize(m, (w, h), interpolation=cv2.INTER_AREA)


def rand_color(rng, kind):
    if kind == "light_bg":
        c = rng.choice([(250, 250, 250), (240, 240, 235), (225, 235, 245), (235, 245, 250),
                        (200, 235, 250), (215, 240, 255), (230, 230, 230), (215, 225, 235),
                        (245, 225, 200), (200, 245, 245), (180, 230, 255), (230, 245, 230),
                        (235, 220, 245), (170, 210, 240)])
    elif kind == "dark_bg":
        c = rng.choice([(120, 50, 20), (40, 40, 40), (25, 25, 25), (60, 90, 20), (30, 30, 110),
                        (110, 60, 0), (80, 40, 40), (90, 80, 40)])
    elif kind == "dark_fg":
        c = rng.choice([(90, 30, 10), (20, 20, 20), (10, 10, 10), (110, 40, 20), (40, 80, 0),
                        (30, 30, 140), (130, 60, 20), (60, 40, 30), (150, 80, 30),
                        (40, 40, 180), (60, 60, 60), (20, 90, 30)])
    elif kind == "light_fg":
        c = rng.choice([(255, 255, 255), (240, 240, 240), (60, 220, 255), (200, 240, 255),
                        (180, 220, 230)])
    else:  # accent
        c = rng.choice([(40, 40, 200), (150, 60, 20), (30, 120, 30), (20, 20, 20),
                        (160, 90, 30), (30, 150, 220), (120, 40, 140), (40, 160, 220),
                        (200, 120, 40)])
    j = np.array([rng.uniform(-18, 18) for _ in range(3)])
    return np.clip(np.array(c, np.float32) + j, 0, 255)


# ----------------------------------------------------------------------------- plate

def smooth_noise(rng, h, w, cells, amp):
    g = np.array([rng.uniform(-1, 1) for _ in range(cells[0] * cells[1])], np.float32)
    g = g.reshape(cells)
    return cv2.resize(g, (w, h), interpolation=cv2.INTER_CUBIC) * amp


def draw_background(rng, p, dark):
    H, W = p.shape[:2]
    c1 = rand_color(rng, "dark_bg" if dark else "light_bg")
    p[:] = c1
    r = rng.random()
    if r < 0.55:  # linear gradient
        c2 = c1 + np.array([rng.uniform(-60, 40) for _ in range(3)], np.float32)
        if rng.random() < 0.7:
            t = np.linspace(0, 1, H, dtype=np.float32)[:, None, None]
            if rng.random() < 0.5:
                t = t[::-1]
        else:
            t = np.linspace(0, 1, W, dtype=np.float32)[None, :, None]
        p[:] = c1 * (1 - t) + c2 * t
    if rng.random() < 0.5:  # scenery band: mountains / waves / hills
        y0 = rng.uniform(0.45, 0.9) * H
        xs = np.linspace(0, W, rng.randint(4, 14))
        pts = [(0, H)] + [(x, y0 + rng.uniform(-0.2, 0.2) * H) for x in xs] + [(W, H)]
        m = np.zeros((H, W), np.float32)
        cv2.fillPoly(m, [np.array(pts, np.int32)], 1.0)
        m = cv2.GaussianBlur(m, (0, 0), rng.uniform(0.5, 4))
        paste(p, m, rand_color(rng, rng.choice(["accent", "light_bg", "dark_fg"])), 0, 0,
              rng.uniform(0.2, 0.8))
    if rng.random() < 0.35:  # texture
        p += smooth_noise(rng, H, W, (rng.randint(2, 8), rng.randint(2, 12)), rng.uniform(5, 35))[..., None]
    if rng.random() < 0.3:  # big faint graphic behind the characters
        m = np.zeros((H, W), np.float32)
        cx, cy = int(rng.uniform(0.1, 0.9) * W), int(rng.uniform(0.2, 0.8) * H)
        rr = int(rng.uniform(0.15, 0.45) * H)
        k = rng.random()
        if k < 0.4:
            cv2.circle(m, (cx, cy), rr, 1.0, -1)
        elif k < 0.7:
            pts = np.array([(cx + rr * math.cos(a), cy + rr * math.sin(a))
                            for a in np.linspace(0, 2 * math.pi, rng.randint(3, 8), endpoint=False)], np.int32)
            cv2.fillPoly(m, [pts], 1.0)
        else:
            cv2.ellipse(m, (cx, cy), (rr, int(rr * rng.uniform(0.3, 1))), rng.uniform(0, 180), 0, 360, 1.0, -1)
        paste(p, m, rand_color(rng, rng.choice(["accent", "light_bg"])), 0, 0, rng.uniform(0.1, 0.6))


def wheelchair(h, w):
    """The wheelchair symbol of disabled-parking plates, drawn left of the number in every state."""
    m = np.zeros((h, w), np.float32)
    t = max(1, min(h, w) // 9)
    cv2.circle(m, (int(0.45 * w), int(0.12 * h)), max(1, int(0.1 * min(h, w))), 1.0, -1)
    body = [(int(0.42 * w), int(0.28 * h)), (int(0.42 * w), int(0.6 * h)), (int(0.72 * w), int(0.6 * h)),
            (int(0.85 * w), int(0.92 * h))]
    cv2.polylines(m, [np.array(body, np.int32)], False, 1.0, t + 1)
    cv2.line(m, (int(0.42 * w), int(0.42 * h)), (int(0.7 * w), int(0.42 * h)), 1.0, t)
    r = int(0.3 * min(h, w))
    cv2.ellipse(m, (int(0.4 * w), int(0.72 * h)), (r, r), 0, -60, 200, 1.0, t)
    return m


def silhouette(rng, h, w):
    """A dark pictorial figure (an archer, a bucking horse, a bird): limbs and a body from a few
    thick strokes and ellipses. Big pictures beside the number were read as 1, 4 or 6."""
    m = np.zeros((h, w), np.float32)
    t = max(1, min(h, w) // 8)
    cx, cy = w // 2, h // 2
    cv2.ellipse(m, (cx, cy), (max(1, int(w * rng.uniform(0.12, 0.3))), max(1, int(h * rng.uniform(0.2, 0.35)))),
                rng.uniform(-30, 30), 0, 360, 1.0, -1)
    for _ in range(rng.randint(2, 5)):
        a = (cx + int(rng.uniform(-0.2, 0.2) * w), cy + int(rng.uniform(-0.2, 0.2) * h))
        b = (int(rng.uniform(0.05, 0.95) * w), int(rng.uniform(0.02, 0.98) * h))
        cv2.line(m, a, b, 1.0, t)
    if rng.random() < 0.6:
        cv2.circle(m, (cx + int(rng.uniform(-0.15, 0.15) * w), int(0.12 * h)), max(1, int(0.09 * min(h, w) + 1)), 1.0, -1)
    return m


def clip_art(rng, h, w):
    """A picture in several tones (Olympic rings, a ribbon, a college seal, a mascot): 2-4 shapes,
    each its own colour, as [(mask, colour)]. In grey their parts look like strokes of 0, 6, 8 or U."""
    layers = []
    for _ in range(rng.randint(2, 4)):
        m = np.zeros((h, w), np.float32)
        cx, cy = int(rng.uniform(0.2, 0.8) * w), int(rng.uniform(0.2, 0.8) * h)
        r = max(2, int(min(h, w) * rng.uniform(0.15, 0.4)))
        k = rng.random()
        if k < 0.3:  # a ring
            cv2.circle(m, (cx, cy), r, 1.0, max(1, r // 4))
        elif k < 0.55:  # a filled blob
            cv2.ellipse(m, (cx, cy), (r, max(1, int(r * rng.uniform(0.5, 1.3)))), rng.uniform(0, 180), 0, 360, 1.0, -1)
        elif k < 0.8:  # a ribbon or stroke
            pts = np.array([(int(rng.uniform(0, 1) * w), int(rng.uniform(0, 1) * h)) for _ in range(3)], np.int32)
            cv2.polylines(m, [pts], False, 1.0, max(1, r // 3))
        else:  # a block with a letter cut out of it (DONATE LIFE, LR)
            cv2.rectangle(m, (cx - r, cy - r), (cx + r, cy + r), 1.0, -1)
            cv2.putText(m, rng.choice(LETTERS), (cx - r // 2, cy + r // 2), cv2.FONT_HERSHEY_SIMPLEX,
                        max(0.3, r / 22), 0.0, max(1, r // 8))
        layers.append((m, rand_color(rng, rng.choice(["accent", "dark_fg", "accent"]))))
    return layers


def small_logo(rng, h, w):
    """A small mask for a symbol placed between character groups (or a sticker image)."""
    m = np.zeros((h, w), np.float32)
    k = rng.random()
    c = (w // 2, h // 2)
    r = min(h, w) // 2 - 1
    if k < 0.15:  # small filled square (California style separator)
        a = max(2, int(min(h, w) * 0.35))
        cv2.rectangle(m, (c[0] - a // 2, c[1] - a // 2), (c[0] + a // 2, c[1] + a // 2), 1.0, -1)
    elif k < 0.3:
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rad = r if i % 2 == 0 else r * 0.45
            pts.append((c[0] + rad * math.cos(a), c[1] + rad * math.sin(a)))
        cv2.fillPoly(m, [np.array(pts, np.int32)], 1.0)
    elif k < 0.5:
        cv2.circle(m, c, r, 1.0, -1)
    elif k < 0.7:
        cv2.circle(m, c, r, 1.0, max(1, r // 4))
        cv2.line(m, (c[0] - r, c[1]), (c[0] + r, c[1]), 1.0, max(1, r // 5))
    elif k < 0.78:
        pts = [(c[0] + rng.uniform(-r, r), c[1] + rng.uniform(-r, r)) for _ in range(rng.randint(4, 8))]
        cv2.fillPoly(m, [cv2.convexHull(np.array(pts, np.int32))], 1.0)
    elif k < 0.88:  # seal-like emblem: a ring of dots around an upright torch (read as 1)
        n = rng.randint(8, 19)
        for i in range(n):
            a = 2 * math.pi * i / n
            cv2.circle(m, (int(c[0] + r * 0.85 * math.cos(a)), int(c[1] + r * 0.85 * math.sin(a))), max(1, r // 8), 1.0, -1)
        cv2.line(m, (c[0], c[1] - r // 2), (c[0], c[1] + r // 2), 1.0, max(1, r // 5))
    elif k < 0.93:  # a shield with a pointed foot and a bar across it (Oklahoma): read as 4 or 1
        pts = [(c[0] - r, c[1] - r), (c[0] + r, c[1] - r), (c[0] + r, c[1] + r // 4), (c[0], c[1] + r),
               (c[0] - r, c[1] + r // 4)]
        cv2.fillPoly(m, [np.array(pts, np.int32)], 1.0)
        if rng.random() < 0.6:
            cv2.line(m, (c[0] - r, c[1]), (c[0] + r, c[1]), 0.0, max(1, r // 5))
    elif k < 0.96:  # an upright torch with a flame (Indiana): read as 1
        cv2.line(m, (c[0], c[1] - r // 3), (c[0], c[1] + r), 1.0, max(1, r // 4))
        cv2.ellipse(m, (c[0], c[1] - r // 2), (max(1, r // 3), max(1, r // 2)), 0, 0, 360, 1.0, -1)
    else:  # heart-ish / state outline-ish blob
        cv2.circle(m, (c[0] - r // 2, c[1] - r // 3), r // 2, 1.0, -1)
        cv2.circle(m, (c[0] + r // 2, c[1] - r // 3), r // 2, 1.0, -1)
        cv2.fillPoly(m, [np.array([(c[0] - r, c[1] - r // 4), (c[0] + r, c[1] - r // 4), (c[0], c[1] + r)], np.int32)], 1.0)
    return m


def render_main_row(rng, p, label, fg, font_path, squeeze, style):
    """Draw the label characters; returns (x0, y0, x1, y1) of the row."""
    H, W = p.shape[:2]
    glyphs = glyph_set(font_path)
    ch_h = int(rng.uniform(0.36, 0.66) * H)
    groups = split_groups(rng, label)
    sep_kind = rng.choices(["space", "dash", "dot", "logo", "none"], [5, 3, 1, 2, 2])[0]
    gap = rng.uniform(0.02, 0.16) * ch_h if rng.random() < 0.8 else rng.uniform(0.0, 0.03) * ch_h
    items = []  # (mask or None for a blank, is_char)
    for gi, g in enumerate(groups):
        if gi > 0:
            if sep_kind == "space":
                items.append(("sp", rng.uniform(0.2, 0.7) * ch_h))
            elif sep_kind == "dash":
                items.append(("dash", None))
            elif sep_kind == "dot":
                items.append(("dot", None))
            elif sep_kind == "logo":
                items.append(("logo", rng.uniform(0.5, 1.3) * ch_h))
            else:
                items.append(("sp", gap))
        for c in g:
            items.append(("c", c))
    # Sizes
    masks = []
    for kind, v in items:
        if kind == "c":
            g = glyphs[v]
            r = rng.random()
            if v == "I" and r < 0.5:
                g = glyphs["I_serif"]
            elif v == "4" and r < 0.3:  # most real 4s are closed and narrow (Illinois, California): 4->L
                g = glyphs[rng.choice(["4_narrow", "4_condensed"])]
            elif v == "4" and r < 0.55:  # open-top plate 4s; the rest keep the font's own (closed) 4
                g = glyphs[rng.choice(["4_stick", "4_upright"] + (["4_open"] if "4_open" in glyphs else []))]
            elif v == "M" and r < 0.35:
                g = glyphs[rng.choice(["M_shallow", "M_mid"])]
            elif v == "W" and r < 0.6:
                g = glyphs[rng.choice(["W_narrow", "W_crossed", "W_low_middle"])]
            elif v == "0" and r < 0.3:
                g = glyphs[rng.choice(["0_stadium", "0_rounded"])]
            elif v == "O" and r < 0.35:  # many states draw O and 0 alike; the format decides
                g = glyphs[rng.choice(["0", "0_stadium"])]
            elif v == "8" and r < 0.35:
                g = glyphs[rng.choice(["8_loops", "8_stacked"])]
            elif v == "1" and r < 0.45:
                g = glyphs["1_flag"]
            elif v == "1" and r < 0.6:
                g = glyphs["1_bar"]
            w = max(2, int(g.shape[1] * ch_h / g.shape[0] * squeeze))
            masks.append((kind, cv2.resize(g, (w, ch_h), interpolation=cv2.INTER_AREA)))
        elif kind == "dash":
            g = glyphs["-"]
            w = max(2, int(g.shape[1] * ch_h / g.shape[0] * squeeze * rng.uniform(0.6, 1.2)))
            masks.append((kind, cv2.resize(g, (w, ch_h), interpolation=cv2.INTER_AREA)))
        elif kind == "dot":
            d = max(3, int(ch_h * rng.uniform(0.08, 0.15)))
            m = np.zeros((ch_h, d + 2), np.float32)
            cv2.circle(m, ((d + 2) // 2, ch_h // 2), d // 2, 1.0, -1)
            masks.append((kind, m))
        elif kind == "logo":
            w = max(4, int(v))
            lh = int(ch_h * rng.uniform(0.5, 1.0))
            m = np.zeros((ch_h, w), np.float32)
            lm = small_logo(rng, lh, w)
            m[(ch_h - lh) // 2:(ch_h - lh) // 2 + lh] = lm
            masks.append((kind, m))
        else:
            masks.append((kind, np.zeros((ch_h, max(1, int(v))), np.float32)))
    total = sum(m.shape[1] for _, m in masks) + gap * (len(masks) - 1)
    max_w = W * rng.uniform(0.72, 0.97)
    if total > max_w:  # condense like real 7-8 character plates
        s = max_w / total
        masks = [(k, cv2.resize(m, (max(1, int(m.shape[1] * s)), ch_h), interpolation=cv2.INTER_AREA)) for k, m in masks]
        gap *= s
        total = max_w
    x = (W - total) / 2 + rng.uniform(-0.06, 0.06) * W
    x = min(max(x, 2), max(2, W - total - 2))
    x_start = x
    yc = rng.uniform(0.46, 0.6) * H
    y = int(yc - ch_h / 2)
    row = np.zeros((H, W), np.float32)
    logo_layer = np.zeros((H, W), np.float32)
    centers = []  # (x, y) of each label character, plate coordinates
    for k, m in masks:
        xi = int(round(x))
        if k == "c":
            centers.append((xi + m.shape[1] / 2.0, y + ch_h / 2.0))
        if k == "logo":
            paste(logo_layer[..., None], m, [1.0], xi, y)
        else:
            paste(row[..., None], m, [1.0], xi, y)
        x += m.shape[1] + gap
    # stroke weight variation
    if rng.random() < 0.4:
        k = rng.choice([2, 3])
        ker = np.ones((k, k), np.uint8)
        row = cv2.dilate(row, ker) if rng.random() < 0.5 else cv2.erode(row, ker)
    # emboss: a shifted darker/lighter copy under the characters
    if style.get("emboss") and rng.random() < 0.8:
        dx, dy = rng.randint(-3, 3), rng.randint(-3, 3)
        sh = np.roll(np.roll(row, dy, axis=0), dx, axis=1)
        paste(p, cv2.GaussianBlur(sh, (0, 0), 1.0), np.clip(fg * 0.5 + 20, 0, 255) if rng.random() < 0.5 else (255, 255, 255), 0, 0, rng.uniform(0.2, 0.6))
    if style.get("outline") and rng.random() < 0.5:
        o = cv2.dilate(row, np.ones((3, 3), np.uint8), iterations=rng.randint(1, 2))
        paste(p, o, rand_color(rng, "dark_fg" if not style["dark"] else "light_fg"), 0, 0)
    paste(p, row, fg, 0, 0)
    if logo_layer.any():
        paste(p, logo_layer, fg if rng.random() < 0.4 else rand_color(rng, "accent"), 0, 0)
    return int(x_start), y, int(x), y + ch_h, centers


def draw_row_distractors(rng, p, rx0, ry0, rx1, ry1, fg):
    """Things beside the main row that are NOT in the label: small stacked characters, a small
    icon (wheelchair, heart, state outline...), vertical words like TRUCK. Real plates have them,
    and the reader used to read them as extra characters."""
    rh = ry1 - ry0
    sides = [rng.random() < 0.5]
    if rng.random() < 0.25:
        sides = [True, False]
    for right in sides:
        r = rng.random()
        if r < 0.35:  # 2-3 stacked characters as tall as the row together (RT 72LY, BR 2515, CH 9C067)
            n = rng.choices([2, 3], [4, 1])[0]
            txt = "".join(rng.choice(LETTERS + DIGITS) for _ in range(n))
            gs = glyph_set(rng.choice(MAIN_FONTS)[0])
            step = rh / n
            hh = max(4, int(step * rng.uniform(0.8, 0.95)))
            glyph_masks = [cv2.resize(gs[c], (max(2, int(gs[c].shape[1] * hh / gs[c].shape[0] * rng.uniform(0.75, 1.0))), hh),
                                      interpolation=cv2.INTER_AREA) for c in txt]
            sw = max(m.shape[1] for m in glyph_masks)
            gap = int(rh * rng.uniform(0.04, 0.3))
            x = rx1 + gap if right else rx0 - gap - sw
            col = fg if rng.random() < 0.7 else rand_color(rng, "accent")
            for i, m in enumerate(glyph_masks):
                paste(p, m, col, x + (sw - m.shape[1]) // 2, int(ry0 + i * step))
        elif r < 0.5:  # a large picture beside the number, up to 1.6 times its height, touching it
            s = int(rh * rng.uniform(0.8, 1.6))
            sw = int(s * rng.uniform(0.6, 1.1))
            k = rng.random()
            m = wheelchair(s, sw) if k < 0.25 else silhouette(rng, s, sw) if k < 0.65 else None
            gap = int(rh * rng.uniform(-0.08, 0.2))
            x = rx0 - sw - gap if not right else rx1 + gap
            y = ry0 + (rh - s) // 2 + rng.randint(-rh // 6, rh // 6 + 1)
            if m is None:
                for layer, col in clip_art(rng, s, sw):
                    paste(p, layer, col, x, y)
            else:
                paste(p, m, fg if rng.random() < 0.6 else rand_color(rng, "accent"), x, y)
        elif r < 0.68:  # a small icon at row height
            s = int(rh * rng.uniform(0.4, 1.0))
            m = small_logo(rng, s, int(s * rng.uniform(0.7, 1.2)))
            # sometimes as close to the row as a character gap: leading logos were read as characters
            x = rx1 + rng.randint(2, 12) if right else rx0 - m.shape[1] - rng.randint(1, 12)
            col = fg if rng.random() < 0.5 else rand_color(rng, "accent")
            paste(p, m, col, x, ry0 + int(rng.uniform(0, 1) * (rh - s)))
        elif r < 0.84:  # a short word written top to bottom
            word = rng.choice(["TRUCK", "TRK", "CAR", "VET", "DLR", "COMM", "TAXI", "BUS", "FARM"])
            hh = max(4, rh // len(word))
            f = rng.choice(DECOR_FONTS)
            x = rx1 + rng.randint(2, 10) if right else rx0 - hh - rng.randint(2, 10)
            for i, c in enumerate(word):
                m = fit_text(c, f, hh, hh)
                if m is not None:
                    paste(p, m, fg, x, ry0 + i * hh)
        # else: nothing on this side


def render_plate(rng, label):
    """Returns the plate canvas (PH x PW x 3, float32 BGR) with label drawn on it."""
    p = np.zeros((PH, PW, 3), np.float32)
    dark = rng.random() < 0.1
    draw_background(rng, p, dark)
    if dark:
        fg = rand_color(rng, "light_fg")
    else:
        fg = rand_color(rng, "dark_fg")
        if rng.random() < 0.12:
            fg = rand_color(rng, "accent")
    style = {"emboss": rng.random() < 0.5, "outline": rng.random() < 0.1, "dark": dark}
    # top band + state name
    if rng.random() < 0.85:
        th = rng.uniform(0.1, 0.24) * PH
        tc = rand_color(rng, "accent") if not dark else rand_color(rng, "light_fg")
        if rng.random() < 0.2:  # coloured banner with light text
            bh = int(th + rng.uniform(0.02, 0.08) * PH)
            p[:bh] = rand_color(rng, "accent")
            tc = rand_color(rng, "light_fg")
        name = rng.choice(STATES)
        r = rng.random()
        if r < 0.5:
            name = name.upper()
        m = fit_text(name, rng.choice(DECOR_FONTS), rng.uniform(0.35, 0.8) * PW, th)
        if m is not None:
            x = int((PW - m.shape[1]) / 2 + rng.uniform(-0.15, 0.15) * PW)
            paste(p, m, tc, x, int(rng.uniform(0.01, 0.06) * PH))
    # bottom slogan
    if rng.random() < 0.75:
        sh = rng.uniform(0.07, 0.16) * PH
        sc = rand_color(rng, "accent") if not dark else rand_color(rng, "light_fg")
        txt = rng.choice(SLOGANS + STATES)
        if rng.random() < 0.5:
            txt = txt.upper()
        m = fit_text(txt, rng.choice(DECOR_FONTS), rng.uniform(0.3, 0.85) * PW, sh)
        if m is not None:
            x = int((PW - m.shape[1]) / 2 + rng.uniform(-0.1, 0.1) * PW)
            paste(p, m, sc, x, int(PH - m.shape[0] - rng.uniform(0.01, 0.06) * PH))
    # main row
    font_path, sq, _ = rng.choices(MAIN_FONTS, [f[2] for f in MAIN_FONTS])[0]
    squeeze = rng.uniform(*sq)
    rx0, ry0, rx1, ry1, centers = render_main_row(rng, p, label, fg, font_path, squeeze, style)
    if rng.random() < 0.55:  # stacked characters and icons beside the row are common on specialty plates
        draw_row_distractors(rng, p, rx0, ry0, rx1, ry1, fg)
    # stickers at corners
    for _ in range(rng.choices([0, 1, 2], [3, 4, 2])[0]):
        sw, shh = int(rng.uniform(0.07, 0.16) * PW), int(rng.uniform(0.1, 0.2) * PH)
        x = int(rng.choice([rng.uniform(0.01, 0.12), rng.uniform(0.75, 0.9)]) * PW)
        y = int(rng.choice([rng.uniform(0.01, 0.1), rng.uniform(0.72, 0.85)]) * PH)
        col = rand_color(rng, rng.choice(["accent", "light_bg", "light_fg"]))
        p[y:y + shh, x:x + sw] = col
        t = rng.choice(MONTHS + ["%02d" % rng.randint(0, 99), "20%02d" % rng.randint(0, 30)])
        m = fit_text(t, rng.choice(DECOR_FONTS), sw - 2, shh - 2)
        if m is not None:
            paste(p, m, (0, 0, 0) if col.mean() > 120 else (255, 255, 255), x + 1, y + 1)
    # bolt holes / screw heads, sometimes low enough to touch the row (read as extra characters)
    if rng.random() < 0.7:
        rr = int(rng.uniform(0.02, 0.045) * PW)
        col = rng.choice([(30, 30, 30), (160, 160, 160), (90, 90, 90), (200, 200, 200)])
        xs = [rng.uniform(0.12, 0.28), rng.uniform(0.72, 0.88)]
        ys = [rng.uniform(0.06, 0.12) if rng.random() < 0.75 else rng.uniform(0.12, 0.3)]
        if rng.random() < 0.5:
            ys.append(rng.uniform(0.85, 0.94))
        slot = rng.random() < 0.4
        for xf in xs:
            for yf in ys:
                cx, cy = int(xf * PW), int(yf * PH)
                cv2.circle(p, (cx, cy), rr, col, -1)
                if rng.random() < 0.5:
                    cv2.circle(p, (cx, cy), rr, (240, 240, 240), 1)
                if slot:
                    a = rng.uniform(0, math.pi)
                    d = (int(rr * 0.8 * math.cos(a)), int(rr * 0.8 * math.sin(a)))
                    cv2.line(p, (cx - d[0], cy - d[1]), (cx + d[0], cy + d[1]), (20, 20, 20), max(1, rr // 4))
    # border stroke
    if rng.random() < 0.6:
        t = rng.randint(1, 6)
        col = rand_color(rng, rng.choice(["dark_fg", "accent"]))
        inset = rng.randint(0, 8)
        cv2.rectangle(p, (inset, inset), (PW - 1 - inset, PH - 1 - inset), col.tolist(), t)
    return p, centers


# ----------------------------------------------------------------------------- scene

def render_scene(rng, plate):
    s = np.zeros((SH, SW, 3), np.float32)
    # car body / bumper
    body = rand_color(rng, rng.choice(["dark_bg", "light_bg", "accent", "dark_fg"]))
    s[:] = body
    t = np.linspace(0, 1, SH, dtype=np.float32)[:, None, None]
    s[:] = body * (1 - t) + (body * rng.uniform(0.3, 1.3)) * t
    if rng.random() < 0.6:  # a recess / bumper edges as horizontal bands
        for _ in range(rng.randint(1, 3)):
            y = rng.randint(0, SH - 1)
            cv2.rectangle(s, (0, y), (SW, y + rng.randint(3, 40)), rand_color(rng, rng.choice(["dark_bg", "light_bg"])).tolist(), -1)
    if rng.random() < 0.3:
        s += smooth_noise(rng, SH, SW, (4, 6), 30)[..., None]
    s[SY0:SY0 + PH, SX0:SX0 + PW] = plate
    # licence plate frame (covers the plate perimeter and maybe text, dealer name on it)
    if rng.random() < 0.4:
        col = rng.choice([(15, 15, 15), (40, 40, 40), (190, 190, 190), (150, 150, 150), (30, 30, 120), (200, 170, 60)])
        col = np.array(col, np.float32)
        tt = int(rng.uniform(0.0, 0.12) * PH)
        tb = int(rng.uniform(0.04, 0.22) * PH)
        tl = int(rng.uniform(0.0, 0.05) * PW)
        out = rng.randint(4, 14)
        x0, y0, x1, y1 = SX0 - out, SY0 - out, SX0 + PW + out, SY0 + PH + out
        m = np.zeros((SH, SW), np.float32)
        cv2.rectangle(m, (x0, y0), (x1, y1), 1.0, -1)
        cv2.rectangle(m, (SX0 + tl, SY0 + tt), (SX0 + PW - tl, SY0 + PH - tb), 0.0, -1)
        paste(s, m, col, 0, 0)
        if rng.random() < 0.6 and tb + out > 10:
            txt = rng.choice(DEALERS)
            if rng.random() < 0.5:
                txt = txt.upper()
            mm = fit_text(txt, rng.choice(DECOR_FONTS), PW * rng.uniform(0.3, 0.8), (tb + out) * 0.7)
            if mm is not None:
                tc = (255, 255, 255) if col.mean() < 120 else (20, 20, 20)
                paste(s, mm, tc, SX0 + (PW - mm.shape[1]) // 2, SY0 + PH - tb + int((tb + out - mm.shape[0]) / 2))
        if rng.random() < 0.4 and tt + out > 8:
            mm = fit_text(rng.choice(DEALERS).upper(), rng.choice(DECOR_FONTS), PW * 0.6, (tt + out) * 0.7)
            if mm is not None:
                paste(s, mm, (255, 255, 255) if col.mean() < 120 else (20, 20, 20), SX0 + (PW - mm.shape[1]) // 2, y0 + 1)
    return s


# ----------------------------------------------------------------------------- camera

def camera(rng, scene):
    # crop quad = plate rectangle with independent per-side margins (negative = tight crop)
    r = rng.random()
    if r < 0.5:     # plate-crop style: about the plate outline
        lo, hi = -0.03, 0.06
    elif r < 0.85:  # a bit loose
        lo, hi = -0.02, 0.14
    else:           # loose detector region with bumper / grazing crops
        lo, hi = -0.06, 0.25
    ml, mr = rng.uniform(lo, hi) * PW, rng.uniform(lo, hi) * PW
    mt, mb = rng.uniform(lo, hi) * PH * 1.3, rng.uniform(lo, hi) * PH * 1.3
    src = np.array([[SX0 - ml, SY0 - mt], [SX0 + PW + mr, SY0 - mt],
                    [SX0 + PW + mr, SY0 + PH + mb], [SX0 - ml, SY0 + PH + mb]], np.float32)
    # a quarter tiny: a camera's plate is often 40-70 px wide, where most real misreads happen
    small = rng.random() < 0.25
    ow = int(np.exp(rng.uniform(math.log(36), math.log(70)) if small else rng.uniform(math.log(70), math.log(330))))
    oh = max(20, int(ow * rng.uniform(0.4, 0.62)))
    dst = np.array([[0, 0], [ow, 0], [ow, oh], [0, oh]], np.float32)
    # perspective & rotation: perturb the destination corners
    ang = math.radians(rng.gauss(0, 3.0))
    c, sn = math.cos(ang), math.sin(ang)
    cx, cy = ow / 2, oh / 2
    d = dst - [cx, cy]
    d = np.stack([d[:, 0] * c - d[:, 1] * sn, d[:, 0] * sn + d[:, 1] * c], 1) + [cx, cy]
    pj = rng.uniform(0, 0.06)
    d += np.array([[rng.uniform(-pj, pj) * ow, rng.uniform(-pj, pj) * oh] for _ in range(4)])
    shear = rng.gauss(0, 0.05) * oh
    d[0, 0] += shear
    d[1, 0] += shear
    d[2, 0] -= shear
    d[3, 0] -= shear
    Hm = cv2.getPerspectiveTransform(src, d.astype(np.float32))
    # pre-blur the scene when downscaling a lot (antialiasing)
    scale = ow / (PW + ml + mr)
    if scale < 0.6:
        scene = cv2.GaussianBlur(scene, (0, 0), 0.4 / scale)
    img = cv2.warpPerspective(scene, Hm, (ow, oh), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
    return img, Hm


def photometric(rng, img):
    h, w = img.shape[:2]
    night = rng.random() < 0.12
    if night:  # IR / night look: grey, plate bright, low-detail
        g = img.mean(axis=2, keepdims=True)
        g = (g - g.mean()) * rng.uniform(1.0, 2.0) + rng.uniform(90, 200)
        img = np.repeat(g, 3, axis=2)
    # shadow: a soft half-plane darkening
    if rng.random() < 0.25:
        a = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        dist = (xx - rng.uniform(0, w)) * math.cos(a) + (yy - rng.uniform(0, h)) * math.sin(a)
        m = 1 / (1 + np.exp(np.clip(-dist / rng.uniform(1, 8), -30, 30)))
        img = img * (1 - m[..., None] * rng.uniform(0.3, 0.7))
    # glare: bright soft blob
    if rng.random() < 0.15:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        cx, cy, rad = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.1, 0.5) * w
        m = np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * rad * rad))
        img = img + m[..., None] * rng.uniform(60, 200)
    # dirt
    if rng.random() < 0.2:
        m = np.clip(smooth_noise(rng, h, w, (rng.randint(3, 8), rng.randint(4, 12)), 1.0), 0, 1)
        img = img * (1 - m[..., None] * rng.uniform(0.2, 0.6))
    # exposure / contrast / gamma
    alpha = math.exp(rng.gauss(0, 0.25))
    img = (img - 128) * rng.uniform(0.45, 1.2) + 128
    img = img * alpha + rng.uniform(-30, 30)
    img = np.clip(img, 0, 255)
    if rng.random() < 0.5:
        img = 255.0 * (img / 255.0) ** math.exp(rng.gauss(0, 0.35))
    # blur
    sig = abs(rng.gauss(0, 0.6)) * w / 160
    if sig > 0.25:
        img = cv2.GaussianBlur(img, (0, 0), sig)
    if rng.random() < 0.15:
        k = rng.randint(3, max(3, int(w / 30)))
        ker = np.zeros((k, k), np.float32)
        ker[k // 2, :] = 1.0
        M = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), rng.uniform(0, 180), 1.0)
        ker = cv2.warpAffine(ker, M, (k, k))
        ker /= max(ker.sum(), 1e-6)
        img = cv2.filter2D(img, -1, ker)
    # noise
    img = img + np.random.default_rng(rng.getrandbits(32)).normal(0, abs(rng.gauss(0, 6)), img.shape).astype(np.float32)
    img = np.clip(img, 0, 255).astype(np.uint8)
    if rng.random() < 0.5:
        q = rng.randint(15, 90)
        ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
        img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return img


def render_sample(rng, label=None, clean=False, with_positions=False):
    """One training sample: (gray uint8 OUT_H x OUT_W, label[, x positions]).

    x positions: the centre of each label character as a fraction of the output width
    (used for the auxiliary per-column loss while training)."""
    if label is None:
        label = random_label(rng)
    plate, centers = render_plate(rng, label)
    if clean:
        img = np.clip(plate, 0, 255).astype(np.uint8)
        xs = [cx / PW for cx, _ in centers]
    else:
        img, Hm = camera(rng, render_scene(rng, plate))
        pts = np.array([[[cx + SX0, cy + SY0] for cx, cy in centers]], np.float32)
        xs = (cv2.perspectiveTransform(pts, Hm)[0, :, 0] / img.shape[1]).tolist()
        img = photometric(rng, img)
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    gray = cv2.resize(gray, (OUT_W, OUT_H), interpolation=cv2.INTER_LINEAR)
    if with_positions:
        return gray, label, xs
    return gray, label


def render_clean(rng, label, font_index=0):
    """A clean, frontal, plain plate with a given font (for tests)."""
    p = np.full((PH, PW, 3), 245, np.float32)
    cv2.rectangle(p, (3, 3), (PW - 4, PH - 4), (60, 30, 10), 3)
    font_path, sq, _ = MAIN_FONTS[font_index]
    glyphs = glyph_set(font_path)
    ch_h = int(0.5 * PH)
    ms = []
    for c in label:
        g = glyphs[c]
        w = max(2, int(g.shape[1] * ch_h / g.shape[0] * (sq[0] + sq[1]) / 2))
        ms.append(cv2.resize(g, (w, ch_h), interpolation=cv2.INTER_AREA))
    gap = 0.1 * ch_h
    total = sum(m.shape[1] for m in ms) + gap * (len(ms) - 1)
    if total > 0.86 * PW:  # inside the border with a margin, as on a real plate
        k = 0.86 * PW / total
        ms = [cv2.resize(m, (max(2, int(m.shape[1] * k)), ch_h), interpolation=cv2.INTER_AREA) for m in ms]
        gap *= k
        total = sum(m.shape[1] for m in ms) + gap * (len(ms) - 1)
    x = (PW - total) / 2
    for m in ms:
        paste(p, m, (90, 30, 10), int(x), int(0.27 * PH))
        x += m.shape[1] + gap
    g = cv2.cvtColor(np.clip(p, 0, 255).astype(np.uint8), cv2.COLOR_BGR2GRAY)
    return cv2.resize(g, (OUT_W, OUT_H), interpolation=cv2.INTER_LINEAR)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--preview", required=True, help="PNG mosaic to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--n", type=int, default=48)
    ap.add_argument("--scale", type=int, default=2)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    tiles = []
    for _ in range(a.n):
        g, lab = render_sample(rng)
        g = cv2.resize(g, (OUT_W * a.scale, OUT_H * a.scale), interpolation=cv2.INTER_NEAREST)
        g = cv2.cvtColor(g, cv2.COLOR_GRAY2BGR)
        g = cv2.copyMakeBorder(g, 0, 16, 0, 2, cv2.BORDER_CONSTANT, value=(255, 255, 255))
        cv2.putText(g, lab, (2, g.shape[0] - 3), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 255), 1)
        tiles.append(g)
    cols = 6
    while len(tiles) % cols:
        tiles.append(np.full_like(tiles[0], 255))
    rows = [np.hstack(tiles[i:i + cols]) for i in range(0, len(tiles), cols)]
    os.makedirs(os.path.dirname(os.path.abspath(a.preview)), exist_ok=True)
    cv2.imwrite(a.preview, np.vstack(rows))


if __name__ == "__main__":
    main()
