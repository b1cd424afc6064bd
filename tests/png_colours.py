#!/usr/bin/env python3
"""Counts the pixels of given colours in a PNG (8-bit RGB or RGBA, not
interlaced: what Chromium's --screenshot writes), with the standard library
only, so that a test can check what a chart looks like, not just its markup.

Usage: png_colours.py FILE RRGGBB...   prints "RRGGBB COUNT" per colour.
"""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        sys.exit(f"{path}: only 8-bit RGB/RGBA, non-interlaced PNGs are read")
    return width, height, 3 if colour == 2 else 4, zlib.decompress(b"".join(idat))


def unfilter(width, height, bpp, raw):
    """The scanlines with PNG's five filters undone (RFC 2083, 6)."""
    stride = width * bpp
    rows, prev, pos = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[pos], bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(line)
        prev = line
    return rows


def main():
    width, height, bpp, raw = read_png(sys.argv[1])
    wanted = {bytes.fromhex(c): c for c in sys.argv[2:]}
    counts = dict.fromkeys(wanted.values(), 0)
    for line in unfilter(width, height, bpp, raw):
        for x in range(0, len(line), bpp):
            name = wanted.get(bytes(line[x:x + 3]))
            if name:
                counts[name] += 1
    for name, n in counts.items():
        print(name, n)


if __name__ == "__main__":
    main()
