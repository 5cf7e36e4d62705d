"""Near-copies and ranking for a cohort: how the cost grows with the number of candidates.

Run: .venv/bin/python benchmarks/ranking.py [CANDIDATES ...]   (default: 50 100 200)
For each cohort size N, the bank's full-marks softmax answers (and disguised copies of them)
are spread over N attempts; the script prints the time to find every near-copy pair of one
code question (N fingerprints, N(N-1)/2 comparisons) with no fingerprint cached ("cold") and
with the service's cache warm, the time for one attempt's flag (N comparisons), and the time to
rank N completed attempts of five skills. Ratios between the
sizes show the growth (the whole-cohort scan is quadratic, the rest linear).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(sizes: list[int]) -> None:
    sys.path.insert(0, str(ROOT))
    from grader.results import SkillScore
    from grader.services.ranking import Entry, rank
    from grader.services.scoring import AttemptScore
    from grader.services.similarity import CodeAnswer, Fingerprints, near_copies
    from tests.services.test_similarity import disguise

    question = ROOT / "questions" / "softmax-stable"
    starter = (question / "starter.py").read_text()
    bases = [
        p.read_text()
        for p in sorted((question / "samples").glob("*.py"))
        if p.name.startswith("correct")
    ] + [(question / "solution.py").read_text()]
    skills = ["a", "b", "c", "d", "e"]
    previous: tuple[float, float, float] | None = None
    print(f"{'N':>5} {'cold':>8} {'all pairs':>10} {'one flag':>9} {'rank':>8} {'pairs found':>12}")
    for n in sizes:
        answers = []
        for i in range(n):
            code = bases[i % len(bases)]
            if i % 7 == 3:
                code = disguise(code)
            # A distinct trailing line per candidate, as real answers differ.
            answers.append(CodeAnswer(f"a{i}", f"c{i}", f"s{i}", code + f"\nprint({i} * {i})\n"))
        cache = Fingerprints()
        start = time.perf_counter()
        pairs = near_copies("softmax-stable", answers, starter=starter, cache=cache)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        near_copies("softmax-stable", answers, starter=starter, cache=cache)
        all_pairs = time.perf_counter() - start
        start = time.perf_counter()
        near_copies("softmax-stable", answers, starter=starter, involving="a0", cache=cache)
        one = time.perf_counter() - start
        entries = [
            Entry(
                attempt_id=f"a{i}",
                candidate=f"c{i}",
                score=AttemptScore(
                    status="completed",
                    score=float(i % 17),
                    max_score=20.0,
                    skills={
                        s: SkillScore(score=float((i * k) % 5), max_score=4.0)
                        for k, s in enumerate(skills)
                    },
                    meets_requirements=True,
                    missing=[],
                ),
                flagged=False,
            )
            for i in range(n)
        ]
        start = time.perf_counter()
        rank(entries, {})
        ranked = time.perf_counter() - start
        line = (
            f"{n:>5} {cold:>7.3f}s {all_pairs:>9.3f}s {one:>8.3f}s {ranked:>7.3f}s {len(pairs):>12}"
        )
        if previous is not None:
            line += (
                f"   x{all_pairs / previous[0]:.1f} x{one / previous[1]:.1f} "
                f"x{ranked / previous[2]:.1f} vs the previous size"
            )
        print(line)
        previous = (all_pairs, one, ranked)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 100, 200])
