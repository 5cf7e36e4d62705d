"""A figure's PNG from the candidate, checked from its header before any pixel is decoded.

The candidate can send any bytes as its figure's PNG. Only a plain image of bounded size ever
leaves the sandbox: the header's dimensions are checked before decoding (so a decompression
bomb is refused unread), the pixels decoded over one capture are bounded (so forged PNGs cannot
make the harness slower than its budget), and an image whose re-encoding grows past its own
size is refused (so a tiny forged PNG cannot become megabytes of stored result).
"""

from __future__ import annotations

import base64
import binascii
import io
import struct
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import PngImagePlugin

from grader.runner import protocol

# Text chunks are never kept; refuse to inflate more than a little of them while reading.
PngImagePlugin.MAX_TEXT_CHUNK = 64 * 1024
PngImagePlugin.MAX_TEXT_MEMORY = 256 * 1024

MAX_BASE64_CHARS = 16 * 1024 * 1024
MAX_SIDE = 16_384
MAX_TOTAL_PIXELS = 4 * protocol.MAX_RENDER_PIXELS
MAX_ENCODED_BYTES = 8 * 1024 * 1024
# A re-encoding may be this much larger than what was sent (filters and zlib levels differ).
GROWTH_SLACK_BYTES = 64 * 1024
MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA"})


@dataclass
class PngBudget:
    """Pixels still to be decoded in this capture."""

    pixels: int = MAX_TOTAL_PIXELS


@dataclass(frozen=True)
class CleanPng:
    """A re-encoded PNG and its size, or why the one sent was refused."""

    data: bytes | None
    width: int | None
    height: int | None
    refused: str | None = None


def _refuse(why: str) -> CleanPng:
    return CleanPng(None, None, None, why)


def sanitize_png(value: object, budget: PngBudget) -> CleanPng:
    """Re-encode the base64 PNG in `value`, or say why it is not kept."""
    if value is None:
        return CleanPng(None, None, None)
    if not isinstance(value, str) or len(value) > MAX_BASE64_CHARS:
        return _refuse("the PNG is not a string of at most 16 MiB")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return _refuse("the PNG is not valid base64")
    if not raw.startswith(protocol.PNG_MAGIC):
        return _refuse("the PNG does not start with the PNG signature")
    if len(raw) < 24 or raw[12:16] != b"IHDR":
        return _refuse("the PNG does not begin with its header chunk")
    # The dimensions as the header states them, read before any library sees the image.
    width, height = struct.unpack(">II", raw[16:24])
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        return _refuse(f"the PNG's header says {width}x{height} pixels")
    if width * height > protocol.MAX_RENDER_PIXELS:
        return _refuse(f"the PNG's header says {width}x{height}, over the render cap")
    if width * height > budget.pixels:
        return _refuse("the capture's PNGs exceed the pixels the harness decodes")
    try:
        with PILImage.open(io.BytesIO(raw), formats=["PNG"]) as image:
            if image.size != (width, height):
                return _refuse("the PNG's size differs from its header")
            if image.mode not in MODES:
                return _refuse(f"the PNG's mode {image.mode!r} is not a plain image")
            budget.pixels -= width * height
            image.load()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
    except Exception as exc:  # noqa: BLE001  (an undecodable image is simply not an image)
        return _refuse(f"the PNG cannot be decoded ({type(exc).__name__})")
    data = buffer.getvalue()
    if len(data) > min(MAX_ENCODED_BYTES, len(raw) + GROWTH_SLACK_BYTES):
        return _refuse(f"the PNG grows to {len(data)} bytes when re-encoded")
    return CleanPng(data, width, height)
