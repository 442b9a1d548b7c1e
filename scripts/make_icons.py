"""Draws the PWA's icons (192, 512 and a maskable 512 px PNG) with the standard library only.

Run once after changing the design; the PNGs are committed: python3 scripts/make_icons.py
"""

import struct
import zlib
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent.parent / "pwa" / "icons"
BACKGROUND = (0x0B, 0x4F, 0x6C)  # the theme colour
RING = (0xFF, 0xFF, 0xFF)
DOT = (0xFF, 0xC8, 0x57)


def png(width: int, rows: list[bytes]) -> bytes:
    """An RGB PNG file from rows of pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, len(rows), 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + row for row in rows)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def pixel(x: float, y: float, scale: float) -> tuple[int, int, int]:
    """Two linked rings and a dot: people in a circle. Coordinates run from -1 to 1."""
    for cx in (-0.22, 0.22):
        distance = ((x - cx) ** 2 + y**2) ** 0.5
        if abs(distance - 0.36 * scale) < 0.065 * scale:
            return RING
    if (x**2 + (y + 0.52 * scale) ** 2) ** 0.5 < 0.1 * scale:
        return DOT
    return BACKGROUND


def icon(size: int, scale: float) -> bytes:
    """A square icon; scale < 1 keeps the drawing inside the maskable safe zone."""
    rows = []
    for j in range(size):
        y = (j + 0.5) / size * 2 - 1
        row = bytearray()
        for i in range(size):
            row.extend(pixel((i + 0.5) / size * 2 - 1, y, scale))
        rows.append(bytes(row))
    return png(size, rows)


if __name__ == "__main__":
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    (ICON_DIR / "icon-192.png").write_bytes(icon(192, 1.0))
    (ICON_DIR / "icon-512.png").write_bytes(icon(512, 1.0))
    (ICON_DIR / "maskable-512.png").write_bytes(icon(512, 0.75))
