"""Near-copy detection between code answers to the same question, with `copydetect`.

copydetect tokenises Python with Pygments, replaces every name by one letter and drops
comments and whitespace, so renaming, reformatting and comments do not hide a copy; it then
fingerprints k-grams of those tokens by winnowing (Schleimer, Wilkerson and Aiken, SIGMOD
2003). Its tokeniser, winnowing and comparison are used as they are; the k-gram hashes are
our own, because copydetect's change from one process to the next.

Code every candidate was given is never evidence of copying: the starter's lines are blanked
in each answer and the starter's fingerprints are dropped. A pair's similarity is the larger
of the two shares of each answer's fingerprinted tokens found in the other; a pair at or
above THRESHOLD is reported. The threshold and the false-positive rate measured on the bank's
own samples: docs/api.md, "Near-copies".
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# copydetect logs a warning for every file it cannot tokenise; answers are Python.
logging.getLogger("copydetect").setLevel(logging.ERROR)

NOISE = 25  # k: matches shorter than this many filtered characters are ignored
GUARANTEE = 30  # matches at least this long are always found (window = GUARANTEE - NOISE + 1)
THRESHOLD = 0.8


@dataclass(frozen=True)
class CodeAnswer:
    """A candidate's latest code answer to a question."""

    attempt_id: str
    candidate: str
    submission_id: str
    code: str


@dataclass(frozen=True)
class Span:
    """A matching region of an answer: character offsets [start, end) and 1-based lines."""

    start: int
    end: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class Match:
    """Two answers to one question that are near copies."""

    question_id: str
    first: CodeAnswer
    second: CodeAnswer
    similarity: float
    first_spans: list[Span]
    second_spans: list[Span]


def without_starter(code: str, starter: str) -> str:
    """The answer with each line it kept from the starter blanked (same length, so offsets hold).

    Boilerplate fingerprints alone miss starter lines once a candidate inserts a line between
    two of them (the k-grams across the gap are new).
    """
    given = {line.strip() for line in starter.splitlines() if line.strip()}
    return "".join(
        " " * len(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")) :]
        if line.strip() in given
        else line
        for line in code.splitlines(keepends=True)
    )


@dataclass(frozen=True)
class _Fingerprint:
    """What copydetect's `compare_files` reads of a `CodeFingerprint`."""

    k: int
    filtered_code: str
    offsets: Any
    hashes: set[int]
    hash_idx: dict[int, list[int]]
    token_coverage: float


def _stable_kgram_hashes(text: str, k: int) -> Any:
    """Hashes of every k-gram, the same in every process.

    copydetect hashes with Python's `hash()`, which is salted per process: winnowing then
    keeps other fingerprints in every run and the similarity of a pair drifts (0.96 in one
    process, 1.0 in another). BLAKE2b keeps it fixed.
    """
    import numpy as np

    return np.array(
        [
            int.from_bytes(
                hashlib.blake2b(
                    text[i : i + k].encode("utf-8", "surrogatepass"), digest_size=8
                ).digest(),
                "little",
                signed=True,
            )
            for i in range(len(text) - k + 1)
        ],
        dtype=np.int64,
    )


def _fingerprint(code: str, boilerplate: set[int], starter: str = "") -> _Fingerprint:
    """copydetect's tokenising and winnowing, over stable hashes, minus the boilerplate."""
    from copydetect.utils import filter_code, get_token_coverage, winnow

    source = without_starter(code, starter) if starter else code
    filtered, offsets = filter_code(source, "answer.py", "python")
    hashes, positions = winnow(
        _stable_kgram_hashes(filtered, NOISE), GUARANTEE - NOISE + 1, remove_duplicates=False
    )
    index: dict[int, list[int]] = {}
    for value, position in zip(hashes.tolist(), positions.tolist(), strict=True):
        if value not in boilerplate:
            index.setdefault(value, []).append(position)
    return _Fingerprint(
        k=NOISE,
        filtered_code=filtered,
        offsets=offsets,
        hashes=set(index),
        hash_idx=index,
        token_coverage=float(get_token_coverage(index, NOISE, len(filtered))),
    )


class Fingerprints:
    """Fingerprints of answers already seen, by submission: an answer never changes (a new one
    is a new submission), and fingerprinting costs far more than comparing (about 18 ms
    against 0.14 ms here; benchmarks/ranking.py)."""

    def __init__(self, size: int = 8192) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[str, str], _Fingerprint] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, answer: CodeAnswer, boilerplate: set[int], starter: str) -> _Fingerprint:
        key = (
            answer.submission_id,
            hashlib.sha256(starter.encode("utf-8", "surrogatepass")).hexdigest(),
        )
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
                return found
        made = _fingerprint(answer.code, boilerplate, starter)
        with self._lock:
            self._kept[key] = made
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return made


def _boilerplate(starter: str) -> set[int]:
    return _fingerprint(starter, set()).hashes if starter.strip() else set()


def _spans(code: str, slices: Any) -> list[Span]:
    found = []
    for start, end in zip(slices[0], slices[1], strict=True):
        start, end = int(start), min(int(end), len(code))
        found.append(
            Span(
                start=start,
                end=end,
                first_line=code.count("\n", 0, start) + 1,
                last_line=code.count("\n", 0, max(start, end - 1)) + 1,
            )
        )
    return found


def similarity(first: str, second: str, *, starter: str = "") -> tuple[float, Any]:
    """The similarity of two answers (0 to 1) and copydetect's matching slices of each."""
    from copydetect import compare_files

    boilerplate = _boilerplate(starter)
    a, b = _fingerprint(first, boilerplate, starter), _fingerprint(second, boilerplate, starter)
    _, (share_a, share_b), slices = compare_files(a, b)
    return round(float(max(share_a, share_b)), 4), slices


def near_copies(
    question_id: str,
    answers: Sequence[CodeAnswer],
    *,
    starter: str,
    threshold: float = THRESHOLD,
    involving: str | None = None,
    cache: Fingerprints | None = None,
) -> list[Match]:
    """Every pair of answers at or above the threshold, most similar first; with `involving`,
    only the pairs of that attempt's answers (one attempt's flag costs n, not n^2, compares)."""
    from copydetect import compare_files

    boilerplate = _boilerplate(starter)
    if involving is not None and not any(a.attempt_id == involving for a in answers):
        return []
    prints = [
        cache.of(answer, boilerplate, starter)
        if cache is not None
        else _fingerprint(answer.code, boilerplate, starter)
        for answer in answers
    ]
    matches = []
    for i in range(len(answers)):
        for j in range(i + 1, len(answers)):
            if answers[i].attempt_id == answers[j].attempt_id:
                continue
            if involving is not None and involving not in (
                answers[i].attempt_id,
                answers[j].attempt_id,
            ):
                continue
            _, (share_a, share_b), slices = compare_files(prints[i], prints[j])
            score = round(float(max(share_a, share_b)), 4)
            if score >= threshold:
                matches.append(
                    Match(
                        question_id=question_id,
                        first=answers[i],
                        second=answers[j],
                        similarity=score,
                        first_spans=_spans(answers[i].code, slices[0]),
                        second_spans=_spans(answers[j].code, slices[1]),
                    )
                )
    matches.sort(key=lambda m: -m.similarity)
    return matches
