#!/usr/bin/env python3
"""Draws the Teams app icons (standard library only): a speech bubble holding a ticket stub.
color.png: 192x192, full colour. outline.png: 32x32, white on transparent (Teams' rule for outline icons)."""
import struct, zlib

def png(path, size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))

def rounded(x, y, left, top, right, bottom, radius):
    cx = min(max(x, left + radius), right - radius)
    cy = min(max(y, top + radius), bottom - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 and left <= x <= right and top <= y <= bottom

def bubble(u, v):
    """The shape in unit coordinates (0..1): body, tail at the lower left."""
    body = rounded(u, v, 0.12, 0.14, 0.88, 0.70, 0.12)
    tail = 0.22 <= u <= 0.40 and 0.68 <= v <= 0.86 and (u - 0.22) <= (0.86 - v) * 1.0
    return body or tail

def ticket(u, v):
    """A ticket stub inside the bubble, with a notch on each side and a perforation line."""
    inside = rounded(u, v, 0.27, 0.30, 0.73, 0.54, 0.03)
    notch = (u - 0.27) ** 2 + (v - 0.42) ** 2 < 0.0025 or (u - 0.73) ** 2 + (v - 0.42) ** 2 < 0.0025
    perforation = abs(u - 0.40) < 0.012 and int(v * 60) % 2 == 0
    return inside and not notch and not perforation

def color(x, y):
    u, v = (x + 0.5) / 192, (y + 0.5) / 192
    background = (0x1F, 0x5F, 0xAF, 255)        # MSP blue
    if ticket(u, v):
        return (0xF5, 0xA6, 0x23, 255)          # amber ticket
    if bubble(u, v):
        return (255, 255, 255, 255)
    return background

def outline(x, y):
    u, v = (x + 0.5) / 32, (y + 0.5) / 32
    inner = bubble(u, v) and not bubble((u - 0.5) * 1.25 + 0.5, (v - 0.42) * 1.25 + 0.42)
    return (255, 255, 255, 255) if inner or ticket(u, v) else (0, 0, 0, 0)

png("color.png", 192, color)
png("outline.png", 32, outline)
