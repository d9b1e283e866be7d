#!/usr/bin/env python3
"""The Pillow side of BENCHMARKS.md's "build and job B" comparison (not needed by the tests).

    pip install pillow
    python3 scripts/pillow-build.py job-b IMAGE -o OUT     # image2video body with 7 masks
    python3 scripts/pillow-build.py job-a IMAGE... -o OUT  # multi-image2video body, 1-4 images
    python3 scripts/pillow-build.py inspect IMAGE...       # open each image, check its header
    python3 scripts/pillow-build.py decode IMAGE...        # the same and decode every pixel

The same work as `klingprep build` of the benchmark's job files (InspectCorpus build-jobs,
Benchmarks/BenchmarkSupport/BenchmarkJobs.swift), written plainly, as a user would with Pillow:
check each image as the rules do from its header (format, size >= 300 px, aspect ratio within
1:2.5-2.5:1, file size <= 10 MiB); for job B draw the 1 static and 6 dynamic masks on the
image's grid with ImageDraw (the same shapes in the same normalised coordinates), PNG-encode
each (mode "L"; zlib level 1 and the RLE strategy, as klingprep does), compute each trajectory
(the point count of klingprep's sampling rule, evenly spaced, in the API's bottom-left-origin
pixels), base64 the image and the masks and write OUT/request.json with the keys and layout of klingprep's body (compact,
keys sorted) and the masks as OUT/masks/*.png. No report, no preview.

Prints the whole run's wall time in milliseconds on stderr.
"""
import base64
import io
import json
import math
import os
import sys
import time

from PIL import Image, ImageDraw

MAX_BYTES = 10 * 1024 * 1024
PROMPT = "The waves roll in; the boats drift."


def check(path):
    """The header checks of the rule book; returns (width, height) or raises ValueError."""
    size = os.path.getsize(path)
    with Image.open(path) as im:
        if im.format not in ("JPEG", "PNG"):
            raise ValueError(f"{path}: {im.format} is not JPEG or PNG")
        width, height = im.size
    if min(width, height) < 300:
        raise ValueError(f"{path}: {width}x{height} is under 300 px")
    if not (2 * width <= 5 * height and 2 * height <= 5 * width):
        raise ValueError(f"{path}: aspect ratio {width}:{height} is outside 1:2.5-2.5:1")
    if size > MAX_BYTES:
        raise ValueError(f"{path}: {size} bytes is over 10 MiB")
    return width, height


def b64_file(path):
    with open(path, "rb") as f:
        return base64.b64encode(f.read()).decode("ascii")


# --- job B's shapes, as in BenchmarkJobs.swift (x of the width, y of the height, lengths of the
# shorter side; user space, origin top-left). A pixel is in when its centre is.


class Grid:
    def __init__(self, width, height):
        self.w, self.h, self.short = width, height, min(width, height)

    def p(self, x, y):
        return (x * self.w, y * self.h)

    def mask(self):
        return Image.new("L", (self.w, self.h), 0)

    def rect(self, draw, x1, y1, x2, y2):
        (a, b), (c, d) = self.p(x1, y1), self.p(x2, y2)
        draw.rectangle([math.ceil(a - 0.5), math.ceil(b - 0.5), math.ceil(c - 0.5) - 1, math.ceil(d - 0.5) - 1], fill=255)

    def ellipse(self, draw, cx, cy, rx, ry):
        (x, y), rx, ry = self.p(cx, cy), rx * self.w, ry * self.h
        draw.ellipse([x - rx, y - ry, x + rx, y + ry], fill=255)

    def circle(self, draw, cx, cy, r):
        self.ellipse(draw, cx, cy, r * self.short / self.w, r * self.short / self.h)

    def polygon(self, draw, *points):
        draw.polygon([self.p(x, y) for x, y in points], fill=255)

    def stroke(self, draw, width, *points):
        pixels, half = [self.p(x, y) for x, y in points], width * self.short / 2
        draw.line(pixels, fill=255, width=round(width * self.short), joint="curve")
        for x, y in (pixels[0], pixels[-1]):  # round caps
            draw.ellipse([x - half, y - half, x + half, y + half], fill=255)


def static_mask(g):
    im = g.mask()
    d = ImageDraw.Draw(im)
    g.rect(d, 0, 0.8, 1, 1)
    g.ellipse(d, 0.15, 0.3, 0.1, 0.15)
    g.polygon(d, (0.6, 0.05), (0.95, 0.15), (0.85, 0.45), (0.55, 0.35))
    return im


def dynamic_masks(g):
    shapes = [
        lambda d: g.ellipse(d, 0.35, 0.55, 0.08, 0.2),
        lambda d: g.circle(d, 0.7, 0.6, 0.08),
        lambda d: g.stroke(d, 0.04, (0.2, 0.2), (0.3, 0.25), (0.4, 0.2)),
        lambda d: g.polygon(d, (0.45, 0.1), (0.55, 0.1), (0.55, 0.25), (0.45, 0.25)),
        lambda d: g.rect(d, 0.05, 0.55, 0.2, 0.75),
        lambda d: g.ellipse(d, 0.88, 0.65, 0.05, 0.08),
    ]
    masks = []
    for shape in shapes:
        im = g.mask()
        shape(ImageDraw.Draw(im))
        masks.append(im)
    return masks


def centre(im):
    """The area's centre: the middle of its mask's bounding box (klingprep takes the centroid of
    the white pixels; the same point for these shapes except the stroke, 4 px away)."""
    left, top, right, bottom = im.getbbox()
    return ((left + right) / 2, (top + bottom) / 2)


def count_for(length, g):
    """klingprep's default point count: ceil(length / 2% of the shorter side) + 1, 2...77."""
    return max(2, min(77, math.ceil(length / (0.02 * g.short)) + 1))


def line_points(a, b, g):
    n = count_for(math.dist(a, b), g)
    return [(a[0] + (b[0] - a[0]) * i / (n - 1), a[1] + (b[1] - a[1]) * i / (n - 1)) for i in range(n)]


def arc_points(a, b, bend, g):
    """`arc A -> B bend K`: sagitta K x chord, bulging left of travel as seen on screen."""
    chord = math.dist(a, b)
    s = bend * chord
    radius = (chord * chord / 4 + s * s) / (2 * s)
    sweep = 4 * math.atan(2 * s / chord)
    dx, dy = (b[0] - a[0]) / chord, (b[1] - a[1]) / chord
    nx, ny = dy, -dx  # left of travel on screen (y down)
    mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    cx, cy = mx - nx * (radius - s), my - ny * (radius - s)
    start = math.atan2(a[1] - cy, a[0] - cx)
    bulge = (mx + nx * s, my + ny * s)

    def at(turn, t):
        return (cx + radius * math.cos(start + turn * t), cy + radius * math.sin(start + turn * t))

    turn = min((sweep, -sweep), key=lambda turn: math.dist(at(turn, 0.5), bulge))  # the way past the bulge
    n = count_for(radius * sweep, g)
    return [at(turn, i / (n - 1)) for i in range(n)]


def trajectories(masks, g):
    centres = [centre(m) for m in masks]
    short = g.short

    def move(c, dx, dy):
        return line_points(c, (c[0] + dx * short, c[1] + dy * short), g)

    paths = [
        move(centres[0], 0.10, 0),  # move right 10%
        line_points(centres[1], g.p(0.8, 0.5), g),  # line -> 0.8,0.5
        move(centres[2], 0, -0.05),  # move up 5%
        arc_points(g.p(0.5, 0.2), g.p(0.6, 0.2), 0.3, g),  # arc 0.5,0.2 -> 0.6,0.2 bend 0.3
        move(centres[4], 0, 0.05),  # move down 5%
        [centres[5], centres[5]],  # still
    ]

    def api(point):  # c = clamp(floor(x)), r = clamp(floor(y)), y_api = H - 1 - r
        c = min(max(math.floor(point[0]), 0), g.w - 1)
        r = min(max(math.floor(point[1]), 0), g.h - 1)
        return {"x": c, "y": g.h - 1 - r}

    return [[api(p) for p in path] for path in paths]


def png_bytes(im):
    """PNG as klingprep encodes masks: zlib level 1, the RLE strategy (3); Pillow's default,
    level 6, takes about twice as long here for about the same size."""
    buffer = io.BytesIO()
    im.save(buffer, "PNG", compress_level=1, compress_type=3)
    return buffer.getvalue()


def write_body(body, output, masks=()):
    os.makedirs(output, exist_ok=True)
    if masks:
        os.makedirs(os.path.join(output, "masks"), exist_ok=True)
        for name, data in masks:
            with open(os.path.join(output, "masks", name), "wb") as f:
                f.write(data)
    with open(os.path.join(output, "request.json"), "w") as f:
        json.dump(body, f, separators=(",", ":"), sort_keys=True, ensure_ascii=False)


def job_b(image, output):
    g = Grid(*check(image))
    frozen = static_mask(g)
    moving = dynamic_masks(g)
    paths = trajectories(moving, g)
    pngs = [("static.png", png_bytes(frozen))] + [(f"dynamic-{i + 1}.png", png_bytes(m)) for i, m in enumerate(moving)]
    body = {
        "cfg_scale": 0.5, "duration": "5", "external_task_id": "bench-job-b", "image": b64_file(image),
        "mode": "std", "model_name": "kling-v1", "prompt": PROMPT,
        "static_mask": base64.b64encode(pngs[0][1]).decode("ascii"),
        "dynamic_masks": [{"mask": base64.b64encode(data).decode("ascii"), "trajectories": path}
                          for (_, data), path in zip(pngs[1:], paths)],
    }
    write_body(body, output, pngs)


def job_a(images, output):
    for image in images:
        check(image)
    body = {
        "aspect_ratio": "16:9", "duration": "5", "external_task_id": "bench-job-a",
        "image_list": [{"image": b64_file(image)} for image in images],
        "mode": "std", "model_name": "kling-v1-6", "prompt": PROMPT,
    }
    write_body(body, output)


def inspect(images, decode):
    for image in images:
        try:
            width, height = check(image)
            if decode:
                with Image.open(image) as im:
                    im.load()
            print(f"{image}: ok, {width}x{height}")
        except Exception as error:  # a failing image is a result, as in klingprep
            print(f"{image}: {error}")


def main():
    arguments = sys.argv[1:]
    output = None
    if "-o" in arguments:
        at = arguments.index("-o")
        output = arguments[at + 1]
        del arguments[at:at + 2]
    if not arguments or arguments[0] not in ("job-a", "job-b", "inspect", "decode") or (
            arguments[0].startswith("job") and output is None) or len(arguments) < 2:
        sys.exit(__doc__)
    mode, images = arguments[0], arguments[1:]
    started = time.perf_counter()
    if mode == "job-b":
        job_b(images[0], output)
    elif mode == "job-a":
        job_a(images, output)
    else:
        inspect(images, decode=mode == "decode")
    print(f"{mode}: {len(images)} images in {(time.perf_counter() - started) * 1000:.0f} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
