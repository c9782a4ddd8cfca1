"""Draws the Teams app icons: color.png (192×192) and outline.png (32×32, white on transparent)."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ACCENT = (31, 92, 153, 255)
WHITE = (255, 255, 255, 255)


def check_mark(draw: ImageDraw.ImageDraw, size: int, width: int, colour: tuple) -> None:
    points = [(size * 0.22, size * 0.52), (size * 0.42, size * 0.72), (size * 0.78, size * 0.30)]
    draw.line(points, fill=colour, width=width, joint="curve")


def color_icon() -> Image.Image:
    image = Image.new("RGBA", (192, 192), ACCENT)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((36, 28, 156, 164), radius=14, outline=WHITE, width=8)
    check_mark(draw, 192, 16, WHITE)
    return image


def outline_icon() -> Image.Image:
    # Teams wants the outline icon white with a transparent background and nothing else.
    image = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((5, 4, 27, 28), radius=3, outline=WHITE, width=2)
    check_mark(draw, 32, 3, WHITE)
    return image


def main(folder: str) -> None:
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    color_icon().save(target / "color.png")
    outline_icon().save(target / "outline.png")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent))
