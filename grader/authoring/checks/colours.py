"""Colour matching as a person sees it: "red" matches matplotlib's "tab:red" (#d62728).

Two colours match when they are close in RGB, or when both are clearly coloured (saturated
and not too dark) with nearby hues, so any reasonable red passes for "red" while orange does
not. Greys, black and white match by lightness.
"""

from __future__ import annotations

import colorsys

RGB = tuple[float, float, float]

# Hue distance (degrees) within which two saturated colours are the same colour to a reader.
HUE_DEGREES = 18.0
# Hue ranges (degrees, start inclusive) of the colour names a prompt would say; a saturated
# colour whose hue falls in the range is that colour, e.g. "tab:blue" (205 degrees) is blue.
FAMILIES: dict[str, tuple[float, float]] = {
    "red": (345.0, 15.0),
    "orange": (15.0, 45.0),
    "yellow": (45.0, 70.0),
    "green": (70.0, 170.0),
    "cyan": (170.0, 195.0),
    "blue": (195.0, 255.0),
    "purple": (255.0, 290.0),
    "magenta": (290.0, 345.0),
}
MIN_SATURATION = 0.35
MIN_VALUE = 0.25


def to_rgb(colour: str | None) -> RGB | None:
    """A colour spec (name, hex, "tab:red", "C0") as RGB in [0, 1], or None."""
    if colour is None:
        return None
    from matplotlib.colors import to_rgb as mpl_to_rgb

    try:
        r, g, b = mpl_to_rgb(colour)
    except (TypeError, ValueError):
        return None
    return (float(r), float(g), float(b))


def _chromatic(hsv: RGB) -> bool:
    return hsv[1] >= MIN_SATURATION and hsv[2] >= MIN_VALUE


def colours_match(
    actual: str | None,
    expected: str,
    *,
    tolerance: float = 0.2,
) -> bool:
    """Whether `actual` reads as `expected`.

    True when the RGB distance (0 to 1) is within `tolerance`; when `expected` is a plain
    colour name of FAMILIES and `actual` is a saturated colour of that hue range; or when
    both are saturated with hues within HUE_DEGREES.
    """
    a, e = to_rgb(actual), to_rgb(expected)
    if a is None or e is None:
        return False
    distance = (sum((x - y) ** 2 for x, y in zip(a, e, strict=True)) / 3) ** 0.5
    if distance <= tolerance:
        return True
    ha, he = colorsys.rgb_to_hsv(*a), colorsys.rgb_to_hsv(*e)
    if not (_chromatic(ha) and _chromatic(he)):
        return False
    family = FAMILIES.get(expected.strip().lower())
    if family is not None:
        start, end = family
        degrees = ha[0] * 360.0
        return start <= degrees < end if start < end else degrees >= start or degrees < end
    hue = abs(ha[0] - he[0]) * 360.0
    return min(hue, 360.0 - hue) <= HUE_DEGREES


def describe(colour: str | None) -> str:
    """A colour for a message: its hex code without alpha, or "no colour"."""
    rgb = to_rgb(colour)
    if rgb is None:
        return "no colour"
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb)
