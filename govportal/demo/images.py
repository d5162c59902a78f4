"""Generated pictures for headline articles: abstract landscapes in the portal's official
colours, drawn with Pillow (no fonts, no files, no network)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

# Sky/ground palettes: official red, government blue, tea green, dusk gold.
PALETTES = [
    ((178, 34, 34), (246, 214, 170), (120, 30, 30)),
    ((24, 78, 142), (190, 215, 238), (20, 60, 110)),
    ((46, 110, 72), (214, 236, 210), (30, 80, 50)),
    ((196, 120, 40), (250, 228, 190), (120, 70, 30)),
    ((60, 90, 130), (232, 236, 242), (90, 110, 140)),
]


def _mix(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def landscape(rng: random.Random, width: int = 960, height: int = 540) -> bytes:
    """A JPEG of a gradient sky, a sun, layered hills and (sometimes) a river or skyline."""
    top, bottom, hill = rng.choice(PALETTES)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(top, bottom, y / height))
    sun_x, sun_y, sun_r = rng.randint(120, width - 120), rng.randint(60, height // 3), rng.randint(30, 70)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 240, 200))
    layers = rng.randint(3, 5)
    skyline = rng.random() < 0.5
    for layer in range(layers):
        if skyline and layer == 1:
            _skyline(draw, rng, width, height, _mix(hill, top, 0.3))
        base = int(height * (0.45 + 0.12 * layer))
        colour = _mix(hill, bottom, 0.6 - 0.5 * layer / layers)
        points = [(0, height)]
        x = 0
        while x <= width:
            points.append((x, base - rng.randint(0, 90 - layer * 12)))
            x += rng.randint(60, 160)
        points += [(width, base), (width, height)]
        draw.polygon(points, fill=colour)
    if not skyline:
        # a river winding to the front
        y0 = int(height * 0.7)
        draw.polygon(
            [(width * 0.45, y0), (width * 0.55, y0), (width * 0.8, height), (width * 0.2, height)],
            fill=_mix(bottom, (255, 255, 255), 0.4),
        )
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return out.getvalue()


def _skyline(draw: ImageDraw.ImageDraw, rng: random.Random, width: int, height: int, colour: tuple) -> None:
    """A row of blocks on the far ridge, behind the nearer hills."""
    x = rng.randint(0, width // 3)
    base = int(height * 0.62)
    for _ in range(rng.randint(6, 14)):
        w, h = rng.randint(20, 50), rng.randint(60, 170)
        draw.rectangle([x, base - h, x + w, base], fill=colour)
        x += w + rng.randint(2, 10)
