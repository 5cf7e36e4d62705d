"""The capture decoder against hostile input: properties over arbitrary input, then named attacks.

The properties run the decoder on what hypothesis generates (raw bytes, arbitrary JSON, and
figure-shaped JSON with hostile leaves) and assert it never raises, stays inside generous
memory and CPU-time budgets, and yields figures whose public summaries serialise as JSON.
"""

from __future__ import annotations

import base64
import io
import json
import struct
import time
import tracemalloc
import zlib
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from grader.authoring.figures import png
from grader.authoring.figures.model import SummaryBudget
from grader.authoring.figures.parsing import (
    MAX_LINE_BYTES,
    MAX_LINE_TOKENS,
    parse_capture,
    read_capture,
)
from grader.authoring.figures.png import MAX_TOTAL_PIXELS, PngBudget, sanitize_png
from grader.runner import protocol
from tests.authoring.test_figures import capture, floats, line

# Generous bounds: a decode of these small inputs takes milliseconds and kilobytes.
MEMORY_BUDGET = 64 * 1024 * 1024
CPU_BUDGET_SECONDS = 5.0
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

hostile_numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.sampled_from([10**400, -(10**400), 2**1024, 2**53 + 1, -1, 0, True, False]),
)
hostile_text = st.one_of(
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
    st.sampled_from(["\ud800", "\udc80x", "\u200b", "\ufeff\u2060", "\x00\x1b[2J", "x" * 5000]),
)
leaves = st.one_of(st.none(), hostile_numbers, hostile_text, st.booleans())
json_values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=6),
        st.dictionaries(st.text(max_size=12), inner, max_size=6),
    ),
    max_leaves=40,
)
FIELDS = ["kind", "x", "y", "n", "pixels", "label", "alpha", "color", "xlim", "ylim", "title"]
FIELDS += ["xlabel", "ylabel", "texts", "legend", "bars", "polygons", "image_items", "xticks"]
FIELDS += ["text_items", "rectangles", "images", "axline", "vertices", "legend_entries"]
figure_shaped = st.fixed_dictionaries(
    {
        "type": st.just("figure"),
        "axes": st.lists(
            st.dictionaries(
                st.sampled_from(FIELDS),
                st.one_of(
                    json_values,
                    st.lists(st.dictionaries(st.sampled_from(FIELDS), json_values), max_size=4),
                ),
                max_size=10,
            ),
            max_size=3,
        ),
    },
    optional={
        "number": hostile_numbers,
        "suptitle": hostile_text,
        "size_inches": json_values,
        "png": st.one_of(hostile_text, st.binary(max_size=64).map(lambda b: base64.b64encode(b))),
        "legends": json_values,
        "texts": json_values,
    },
)


def encoded(value: Any) -> bytes:
    """`value` as a JSON line the way a forger writes it: non-finite literals, lone surrogates."""
    text = json.dumps(value, allow_nan=True, default=lambda b: b.decode("ascii"))
    return text.encode("utf-8", "surrogatepass") + b"\n"


def decode_within_budgets(data: bytes) -> list[dict[str, Any]]:
    """Decode `data`, assert memory and CPU time stayed inside their budgets, and return the
    public summaries after proving they serialise as strict JSON in UTF-8."""
    tracemalloc.start()
    started = time.process_time()
    try:
        parsed = read_capture(data)
        budget = SummaryBudget()
        summaries = [figure.public(budget) for figure in parsed.figures]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.process_time() - started < CPU_BUDGET_SECONDS
    assert peak < MEMORY_BUDGET + 4 * len(data)
    text = json.dumps({"figures": summaries, "notes": parsed.notes}, allow_nan=False)
    text.encode("utf-8")  # strict: a lone surrogate would raise here
    json.dumps(summaries, ensure_ascii=False).encode("utf-8")
    assert len(parsed.figures) <= protocol.MAX_FIGURES
    return summaries


@PROPERTY
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    decode_within_budgets(data)


@PROPERTY
@given(st.lists(json_values, max_size=5))
def test_arbitrary_json_lines_never_raise(values: list[Any]) -> None:
    decode_within_budgets(b"".join(encoded(v) for v in values))


@PROPERTY
@given(st.lists(figure_shaped, min_size=1, max_size=3))
def test_figure_shaped_json_with_hostile_fields_yields_valid_figures(figures: list[Any]) -> None:
    summaries = decode_within_budgets(b"".join(encoded(f) for f in figures))
    assert len(summaries) == len(figures)
    for summary in summaries:
        for axes in summary["axes"]:
            for value in [axes["xlim"], axes["ylim"]]:
                assert value is None or all(isinstance(v, float) and abs(v) < 2e308 for v in value)
            for artist in axes["artists"]:
                assert 0 <= artist["points"] <= 1 << 53
                assert artist["pixels"] is None or 0 <= artist["pixels"] <= 4_000_000


@PROPERTY
@given(hostile_text)
def test_text_fields_come_out_clean_and_blank_text_reads_as_empty(label: str) -> None:
    summaries = decode_within_budgets(
        encoded({"type": "figure", "suptitle": label, "axes": [{"xlabel": label}]})
    )
    read = summaries[0]["axes"][0]["xlabel"]
    assert summaries[0]["suptitle"] == read
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in read)
    assert not any(ord(ch) < 0x20 and ch not in "\n\t" for ch in read)
    assert read == "" or read.strip("\u200b\ufeff\u2060 ") != ""


# -- named attacks ------------------------------------------------------------------------------


def test_ints_too_large_for_a_float_are_dropped_or_clamped_with_notes() -> None:
    big = 10**400
    raw = {
        "type": "figure",
        "number": big,
        "size_inches": [big, 1],
        "axes": [
            {
                "xlim": [0, big],
                "patches": {"rectangles": big},
                "artists": [{"kind": "line", "x": "", "y": "", "n": big, "pixels": big}],
            }
        ],
    }
    parsed = read_capture(encoded(raw))
    (figure,) = parsed.figures
    (axes,) = figure.axes
    assert (figure.number, figure.size_inches, axes.xlim, axes.rectangles) == (
        None,
        None,
        None,
        1 << 31,
    )
    assert (axes.artists[0].n, axes.artists[0].pixels) == (1 << 53, protocol.MAX_RENDER_PIXELS)
    assert "a number that is not a finite float was read as absent" in parsed.notes
    assert "a count above 2147483648 was clamped" in parsed.notes


def test_a_line_longer_than_the_cap_is_refused_unread_and_later_lines_still_count() -> None:
    long_line = b'{"type": "figure", "suptitle": "' + b"a" * MAX_LINE_BYTES + b'"}\n'
    parsed = read_capture(long_line + capture(line([0, 10], [1, 21])))
    assert len(parsed.figures) == 1
    assert parsed.notes == [f"a capture line of {len(long_line) - 1} bytes was refused unread"]


def test_a_line_of_too_many_json_values_is_refused_before_decoding() -> None:
    flood = b"[" + b"{}," * MAX_LINE_TOKENS + b"{}]\n"
    tracemalloc.start()
    parsed = read_capture(flood)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert parsed.figures == []
    assert peak < 8 * 1024 * 1024  # decoded, it would have held 500,000 dicts (~30 MB)
    assert parsed.notes == [
        f"a capture line of {MAX_LINE_TOKENS * 2 + 2} JSON values was refused unread"
    ]


def test_deep_nesting_is_a_note_not_an_error() -> None:
    parsed = read_capture(b"[" * 100_000 + b"\n" + capture(line([0, 10], [1, 21])))
    assert len(parsed.figures) == 1
    assert parsed.notes == ["a capture line is not JSON (RecursionError)"]


def test_summaries_of_one_capture_share_one_budget_and_say_truncated() -> None:
    x = list(np.linspace(0, 10, 200))
    many = [line(x, x, label="w" * 500) for _ in range(256)]
    data = b"".join(capture(*many) for _ in range(4))
    budget = SummaryBudget()
    summaries = [f.public(budget) for f in parse_capture(data)]
    points = sum(len(a["x"]) for s in summaries for ax in s["axes"] for a in ax["artists"])
    assert points == protocol.MAX_SUMMARY_POINTS
    assert [s.get("truncated", False) for s in summaries] == [False, True, True, True]


# -- PNGs ---------------------------------------------------------------------------------------


def png_of(width: int, height: int, mode: int, raw: bytes) -> str:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    head = struct.pack(">IIBBBBB", width, height, 8, mode, 0, 0, 0)
    data = protocol.PNG_MAGIC + chunk(b"IHDR", head) + chunk(b"IDAT", zlib.compress(raw))
    return base64.b64encode(data + chunk(b"IEND", b"")).decode()


def real_png(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (255, 0, 0, 255)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_a_plain_png_is_re_encoded_with_its_size() -> None:
    clean = sanitize_png(real_png(64, 48), PngBudget())
    assert (clean.width, clean.height, clean.refused) == (64, 48, None)
    assert clean.data is not None and clean.data.startswith(protocol.PNG_MAGIC)


def test_a_forged_header_is_refused_before_any_pixel_is_decoded() -> None:
    started = time.process_time()
    clean = sanitize_png(png_of(100_000, 100_000, 2, b""), PngBudget())
    assert clean.refused == "the PNG's header says 100000x100000 pixels"
    assert time.process_time() - started < 1.0


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    bomb = png_of(4_000, 4_000, 0, bytes(4_001 * 4_000))  # 16 Mpx of zeros in ~16 KB
    clean = sanitize_png(bomb, PngBudget())
    assert clean.refused == "the PNG's header says 4000x4000, over the render cap"


def test_pngs_past_the_captures_pixel_budget_are_refused() -> None:
    budget = PngBudget()
    side = 2_000  # 4 Mpx each: the budget holds exactly four
    results = [sanitize_png(real_png(side, side), budget) for _ in range(5)]
    assert [r.refused for r in results] == [None] * 4 + [
        "the capture's PNGs exceed the pixels the harness decodes"
    ]
    assert budget.pixels == MAX_TOTAL_PIXELS - 4 * side * side


def test_pngs_that_are_not_plain_images_are_refused_with_a_reason() -> None:
    cases = {
        "the PNG is not valid base64": "!!!",
        "the PNG does not start with the PNG signature": base64.b64encode(b"GIF89a").decode(),
        "the PNG cannot be decoded (OSError)": png_of(200, 200, 6, bytes(100)),
        "the PNG is not a string of at most 16 MiB": 12,
    }
    for reason, value in cases.items():
        assert sanitize_png(value, PngBudget()).refused == reason


def test_a_png_whose_re_encoding_outgrows_the_bound_is_refused(monkeypatch: Any) -> None:
    noise = np.random.default_rng(0).integers(0, 256, (300, 300), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noise, mode="L").save(buffer, format="PNG", compress_level=9)
    sent = base64.b64encode(buffer.getvalue()).decode()
    kept = sanitize_png(sent, PngBudget())
    assert kept.refused is None and kept.data is not None
    assert len(kept.data) <= len(buffer.getvalue()) + png.GROWTH_SLACK_BYTES
    monkeypatch.setattr(png, "GROWTH_SLACK_BYTES", -len(buffer.getvalue()) // 2)
    refused = sanitize_png(sent, PngBudget())
    assert refused.refused == f"the PNG grows to {len(kept.data)} bytes when re-encoded"


def test_floats_from_a_forged_capture_keep_the_decoder_within_budget() -> None:
    values = [float("inf"), float("nan"), -1e308, 1e308, 5e-324]
    summaries = decode_within_budgets(capture(line(values, values)))
    assert summaries[0]["axes"][0]["artists"][0]["x"] == [None, None, -1e308, 1e308, 5e-324]
    assert floats([1.0])  # the helper the figures tests share still encodes
