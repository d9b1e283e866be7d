#!/usr/bin/env python3
"""Reference outputs of Pillow's Lanczos resampler for KlingImage's Lanczos tests.

Crops a few photos of the public corpus (../shared/corpus, or $KLINGPREP_CORPUS), saves each
crop as RGB PNG (`NAME-source.png`) and Pillow's `Image.resize(size, Image.LANCZOS)` of it as
`NAME-down2.5.png`, `NAME-down4.png` and, for one, `NAME-up.png`, under fixtures/resample/.
The tests read only the PNGs: Pillow is needed to regenerate them, never to run the tests.

    python3 scripts/resampler-fixtures.py
"""
import os
import sys

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("KLINGPREP_CORPUS") or os.path.join(os.path.dirname(ROOT), "shared", "corpus")
OUT = os.path.join(ROOT, "fixtures", "resample")

# (name, corpus file, crop box left, top, right, bottom, upscale size or None)
SOURCES = [
    ("landscape", "jpeg/Landscape_1.jpg", (700, 400, 940, 600), None),
    ("rgb", "jpeg/rgb.jpg", (100, 60, 340, 260), None),
    ("testorig", "jpeg/testorig.jpg", (0, 0, 227, 149), None),
    ("hopper", "jpeg/hopper.jpg", (0, 0, 128, 128), (301, 301)),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, relative, box, upscale in SOURCES:
        path = os.path.join(CORPUS, relative)
        if not os.path.exists(path):
            sys.exit(f"missing {path}: set KLINGPREP_CORPUS")
        source = Image.open(path).convert("RGB").crop(box)
        source.save(os.path.join(OUT, f"{name}-source.png"), optimize=True)
        width, height = source.size
        targets = {
            "down2.5": (round(width / 2.5), round(height / 2.5)),
            "down4": (round(width / 4), round(height / 4)),
        }
        if upscale:
            targets["up"] = upscale
        for label, size in targets.items():
            source.resize(size, Image.LANCZOS).save(os.path.join(OUT, f"{name}-{label}.png"), optimize=True)
        print(name, source.size, {label: size for label, size in targets.items()})


if __name__ == "__main__":
    main()
