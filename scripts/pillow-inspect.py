#!/usr/bin/env python3
"""The Pillow side of BENCHMARKS.md's inspect comparison (not needed by the tests).

    pip install pillow
    python3 scripts/pillow-inspect.py probe  FILE...      # open each file, read its size (headers)
    python3 scripts/pillow-inspect.py decode FILE...      # decode every pixel, 1 process
    python3 scripts/pillow-inspect.py decode2 FILE...     # decode every pixel, 2 processes

Prints the whole run's wall time in milliseconds on stderr.
"""
import sys, time
from multiprocessing import Pool

from PIL import Image


def probe(path):
    with Image.open(path) as im:
        return im.size


def decode(path):
    try:
        with Image.open(path) as im:
            im.load()
            return im.size
    except Exception as error:  # a broken file is a result, as in klingprep
        return str(error)


def main():
    mode, files = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    if mode == "probe":
        results = [probe(f) for f in files]
    elif mode == "decode":
        results = [decode(f) for f in files]
    else:
        with Pool(2) as pool:
            results = pool.map(decode, files, chunksize=8)
    print(f"{mode}: {len(results)} files in {(time.perf_counter() - started) * 1000:.0f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
