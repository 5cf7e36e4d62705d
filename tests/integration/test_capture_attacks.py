"""Answers that attack the capture channel, the result's size and the checks, in real sandboxes.

Each is written the way a determined candidate writes it: non-finite and oversized numbers,
unencodable or invisible text, JSON lines and PNGs forged onto the capture descriptor, and
wrong answers shaped to slip through a tolerance. Every case asserts the exact verdict and
score, a time bound, that no sandbox is left, that nothing is blamed on the grader, and that
the reference solution graded right after still gets full marks.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from grader.api.app import create_app
from grader.bank.question import Bank, Question
from grader.config import PROJECT_ROOT, Settings
from grader.result_size import MAX_RESULT_BYTES, size_of
from grader.runtime import Runtime
from tests.api.server import serving
from tests.sandboxes import own_containers, run

pytestmark = pytest.mark.docker

LABELS = 'plt.xlabel("x"); plt.ylabel("y"); plt.title("y = 2x + 1")\n'
CORRECT = (
    "import matplotlib.pyplot as plt\nimport numpy as np\n"
    "x = np.linspace(0, 10, 101)\nplt.plot(x, 2 * x + 1)\n" + LABELS
)
# Writes raw lines onto the capture descriptor before the program's own figures are sent.
FORGE = "import base64, json, os, zlib, struct\ndef forge(data):\n    os.write(3, data)\n"


@dataclass(frozen=True)
class Attack:
    """One hostile answer and what grading it must give."""

    code: str
    verdict: str
    score: float
    seconds: float = 20.0
    truncated: bool = False


def forged(body: str) -> str:
    """An answer that forges capture lines with `body` and then draws the correct plot."""
    return FORGE + body + "\n" + CORRECT


FIGURE = '{"type": "figure", "axes": [%s]}'

ATTACKS: dict[str, Attack] = {
    # Numbers: what the candidate draws.
    "plot-inf-nan-and-1e400": Attack(
        CORRECT + "plt.plot([0, 1, 2, 3], [float('inf'), float('nan'), -1e400, 1e400])\n",
        "passed",
        10.0,
    ),
    "only-non-finite-data": Attack(
        "import matplotlib.pyplot as plt\nimport numpy as np\n"
        "plt.plot(np.full(11, np.inf), np.full(11, np.nan))\n" + LABELS,
        "partial",
        6.0,
    ),
    "wrong-line-where-the-expected-value-overflows": Attack(
        # 2x + 1 is inf at x = +-1e308 * 2: a tolerance from it would accept any y.
        "import matplotlib.pyplot as plt\nplt.plot([-1.7e308, 1.7e308], [0.0, 0.0])\n" + LABELS,
        "partial",
        6.0,
    ),
    "wrong-line-that-is-right-only-outside-the-range": Attack(
        "import matplotlib.pyplot as plt\nimport numpy as np\n"
        "x = np.linspace(20, 30, 11)\nplt.plot(x, 2 * x + 1)\n" + LABELS,
        "partial",
        6.0,
    ),
    # Numbers: forged onto the capture.
    "forged-ints-too-large-for-a-float": Attack(
        forged(
            "big = 10 ** 400\n"
            "axes = {'xlim': [0, big], 'ylim': [-big, big], 'images': big,\n"
            "        'patches': {'rectangles': big},\n"
            "        'artists': [{'kind': 'line', 'x': '', 'y': '', 'n': big, 'pixels': big,\n"
            "                     'alpha': big, 'linewidth': big}]}\n"
            "forge(json.dumps({'type': 'figure', 'number': big, 'size_inches': [big, 1],\n"
            "                  'axes': [axes]}).encode() + b'\\n')\n"
        ),
        "passed",
        10.0,
    ),
    "forged-1e400-and-nan-literals": Attack(
        forged(
            "forge(b'" + FIGURE % '{"xlim": [1e400, NaN], "ylim": [-Infinity, 1e999],'
            ' "artists": [{"kind": "line", "alpha": NaN, "pixels": 1e400}]}' + "\\n')\n"
        ),
        "passed",
        10.0,
    ),
    # Text.
    "zero-width-and-format-labels": Attack(
        "import matplotlib.pyplot as plt\nplt.plot([0, 10], [1, 21])\n"
        'plt.xlabel("\\u200b"); plt.ylabel("\\u2060\\ufeff\\u200d")\n'
        'plt.title("\\u200e \\u3000")\n',
        "partial",
        7.0,
    ),
    "forged-lone-surrogates-and-controls": Attack(
        forged(
            "label = '\\udc80\\ud800x\\x00\\x1b[2J'\n"
            "axes = {'xlabel': label, 'ylabel': label, 'title': {'center': label},\n"
            "        'texts': [label] * 50, 'legend': [label]}\n"
            "forge(json.dumps({'type': 'figure', 'suptitle': label, 'axes': [axes]}).encode()"
            " + b'\\n')\n"
        ),
        "passed",
        10.0,
    ),
    "blank-looking-title": Attack(
        CORRECT.replace('plt.title("y = 2x + 1")', 'plt.title("\\u0301\\u3164\\u2800")'),
        "partial",
        9.0,
    ),
    "stdout-of-encoded-surrogates": Attack(
        CORRECT + "import sys\nsys.stdout.buffer.write(b'\\xed\\xa0\\x80' * 1000 + b'\\n')\n",
        "passed",
        10.0,
    ),
    "forged-invalid-utf8-and-utf16-lines": Attack(
        forged(
            'forge(b\'{"type": "figure", "suptitle": "\\xff\\xfe"}\\n\')\n'
            'forge(\'{"type": "figure", "suptitle": "t"}\\n\'.encode(\'utf-16\'))\n'
            'forge(\'{"type": "figure", "suptitle": "t"}\'.encode(\'utf-32\') + b\'\\n\')\n'
        ),
        "passed",
        10.0,
    ),
    "axline-with-an-overflowing-slope": Attack(
        "import matplotlib.pyplot as plt\nplt.axline((0, 1), slope=1e308); plt.xlim(0, 10)\n"
        + LABELS,
        "partial",
        6.0,
    ),
    "correct-plot-on-a-figure-of-huge-dpi": Attack(
        CORRECT.replace("plt.plot(", "plt.figure(dpi=20_000)\nplt.plot("), "passed", 10.0
    ),
    # Size: lines, JSON values, texts.
    "multi-megabyte-json-lines": Attack(
        forged(
            "forge(b'[' + b'0,' * 13_000_000 + b'0]\\n')\n"
            "forge(b'[' + b'{},' * 2_000_000 + b'{}]\\n')\n"
        ),
        "passed",
        10.0,
    ),
    "a-million-texts": Attack(
        forged(
            r"""
items = ",".join(['{"text": "t"}'] * 1_000_000)
forge(('{"type": "figure", "axes": [{"text_items": [' + items + "]}]}\n").encode())
"""
        ),
        "passed",
        10.0,
    ),
    "result-size-flood": Attack(
        forged(
            "text = 'w' * 2000\n"
            "axes = [{'texts': [text] * 256, 'legend': [text] * 256, 'xlabel': text,\n"
            "         'artists': [{'kind': 'line', 'label': text, 'x': '', 'y': ''}] * 200}\n"
            "        for _ in range(8)]\n"
            "line = json.dumps({'type': 'figure', 'axes': axes}).encode() + b'\\n'\n"
            "for _ in range(3):\n"
            "    forge(line)\n"
        ),
        "passed",
        10.0,
        truncated=True,
    ),
    # PNGs.
    "forged-png-headers-and-bombs": Attack(
        forged(
            r"""
def png(width, height, mode, raw):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    head = struct.pack(">IIBBBBB", width, height, 8, mode, 0, 0, 0)
    idat = zlib.compress(raw, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", head) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
pngs = [
    png(100_000, 100_000, 2, b""),  # a header with no pixels behind it
    png(8_000, 8_000, 0, bytes(8_001 * 8_000)),  # a 64 Mpx decompression bomb of zeros
    png(2_000, 2_000, 6, bytes(1_000)),  # pixels cut short
    b"\x89PNG\r\n\x1a\n" + os.urandom(100_000),
    b"GIF89a" + bytes(100),
] + [png(1_500, 1_500, 0, os.urandom(1_501 * 1_500)) for _ in range(10)]  # past the budget
for data in pngs:
    line = {"type": "figure", "png": base64.b64encode(data).decode(), "axes": []}
    forge(json.dumps(line).encode() + b"\n")
"""
        ),
        "passed",
        10.0,
        seconds=40.0,
    ),
    # Figure sizes.
    "correct-plot-on-a-huge-figure": Attack(
        CORRECT.replace("plt.plot(", "plt.figure(figsize=(1000, 1000))\nplt.plot("),
        "passed",
        10.0,
    ),
    "correct-plot-on-a-tiny-figure": Attack(
        CORRECT.replace("plt.plot(", "plt.figure(figsize=(0.05, 0.05))\nplt.plot("),
        "passed",
        10.0,
    ),
    "correct-plot-on-a-needle-thin-figure": Attack(
        CORRECT.replace("plt.plot(", "plt.figure(figsize=(2000, 0.01))\nplt.plot("),
        "passed",
        10.0,
    ),
}


@pytest.mark.parametrize("name", list(ATTACKS))
def test_capture_attack_is_contained(runtime: Runtime, linear: Question, name: str) -> None:
    attack = ATTACKS[name]
    started = time.monotonic()
    graded = run(runtime, linear, attack.code)
    elapsed = time.monotonic() - started
    result = graded.result
    assert (result.verdict, result.score) == (attack.verdict, attack.score), [
        (t.name, t.score, t.message) for t in result.tests
    ]
    assert graded.diagnostics == []
    assert elapsed < attack.seconds
    assert size_of(result) <= MAX_RESULT_BYTES
    assert result.truncated is attack.truncated
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    assert own_containers() == []
    after = run(runtime, linear, linear.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)


SOFTMAX = """
import numpy as np
def softmax(x):
    x = np.asarray(x, dtype=float)
    if x.size == 0:
        raise ValueError("softmax of an empty input")
    return %s
"""
# Answers to a question that calls the candidate's function: what it returns is hostile too.
CALL_ATTACKS: dict[str, Attack] = {
    "returns-ints-too-large-for-a-float": Attack(
        SOFTMAX % "[10 ** 400] * x.shape[-1]", "partial", 1.0
    ),
    "returns-a-flood-of-json-values": Attack(SOFTMAX % "[[]] * 1_500_000", "failed", 0.0),
    "returns-non-finite-floats": Attack(SOFTMAX % "np.full(x.shape, np.nan)", "partial", 1.0),
    "returns-surrogates-in-an-exception": Attack(
        SOFTMAX % "(_ for _ in ()).throw(ValueError('\\udc80' * 10_000))", "partial", 1.0
    ),
}


@pytest.mark.parametrize("name", list(CALL_ATTACKS))
def test_call_attack_is_contained(runtime: Runtime, bank: Bank, name: str) -> None:
    attack = CALL_ATTACKS[name]
    question = bank.get("softmax-stable")
    started = time.monotonic()
    graded = run(runtime, question, attack.code)
    result = graded.result
    assert (result.verdict, result.score) == (attack.verdict, attack.score), [
        (t.name, t.score, t.message) for t in result.tests
    ]
    assert graded.diagnostics == []
    assert time.monotonic() - started < attack.seconds
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    assert own_containers() == []
    after = run(runtime, question, question.solution)
    assert (after.result.verdict, after.result.score) == ("passed", 10.0)


def test_forged_capture_leaves_notes_for_operators(runtime: Runtime, linear: Question) -> None:
    graded = run(runtime, linear, ATTACKS["forged-ints-too-large-for-a-float"].code)
    assert "a count above 2147483648 was clamped" in graded.capture_notes
    assert "a number that is not a finite float was read as absent" in graded.capture_notes


def test_cli_prints_exactly_one_json_result_for_a_hostile_answer(tmp_path: Path) -> None:
    answer = tmp_path / "answer.py"
    answer.write_text(ATTACKS["result-size-flood"].code.replace("'w' * 2000", "'\\udc80' * 300"))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "grader.cli",
            "grade",
            "matplotlib-linear-plot",
            str(answer),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0
    (line,) = done.stdout.splitlines()
    result = json.loads(line)
    assert (result["verdict"], result["score"], result["truncated"]) == ("passed", 10.0, True)
    assert len(line.encode()) <= MAX_RESULT_BYTES


def test_the_service_stores_and_serves_a_hostile_answers_result(settings: Settings) -> None:
    code = ATTACKS["result-size-flood"].code.replace("'w' * 2000", "'\\udc80\\u200b' * 150")
    anonymous = settings.model_copy(update={"allow_anonymous": True})
    with serving(create_app(anonymous)) as url, httpx.Client(base_url=url, timeout=120) as http:
        posted = http.post(
            "/v1/submissions",
            params={"wait": "true", "timeout": 90},
            json={"question_id": "matplotlib-linear-plot", "code": code},
        )
        fetched = http.get(f"/v1/submissions/{posted.json()['id']}")
    assert (posted.status_code, fetched.status_code) == (200, 200)
    result = fetched.json()["result"]
    assert (result["verdict"], result["score"], result["truncated"]) == ("passed", 10.0, True)
    assert result == posted.json()["result"]
    assert len(json.dumps(result)) <= MAX_RESULT_BYTES
    assert own_containers() == []
