"""Sizes and durations as people read them: 512 bytes, 1.5 KiB, 55.8 MiB; 850 ms, 2.4 s.

Readable reports only; JSON keeps the exact integers. Our own few lines rather than a
dependency: the reports need binary units and short unit names, which `humanize` spells
differently ("Bytes", "2 seconds and 400 milliseconds").
"""

from __future__ import annotations

_BINARY = ("KiB", "MiB", "GiB", "TiB")


def size(count: int) -> str:
    """A byte count: exact below 1 KiB, else one decimal in the largest binary unit under it."""
    if count < 1024:
        return f"{count} byte" if count == 1 else f"{count} bytes"
    value = float(count)
    for unit in _BINARY:
        value /= 1024
        if value < 1024 or unit == _BINARY[-1]:
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")  # the loop returns at its last unit


def duration(milliseconds: int) -> str:
    """A duration: milliseconds below a second, seconds to one decimal below a minute, then
    minutes and whole seconds."""
    if milliseconds < 1000:
        return f"{milliseconds} ms"
    if milliseconds < 60_000:
        return f"{milliseconds / 1000:.1f} s"
    minutes, rest = divmod(round(milliseconds / 1000), 60)
    return f"{minutes} min {rest} s"
