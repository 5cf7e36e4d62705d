"""Top performers: the completed attempts of an assessment ranked, with the skills to probe.

- rank: competition ranking by score (1, 1, 3): tied scores share a rank.
- percentile: the share of the *other* completed attempts that scored strictly less, in
  percent (100 for a cohort of one), overall and per skill (by fraction of the skill's points).
- interview_focus: the skills below the assessment's requirement, largest shortfall first;
  when every requirement is met, the skill the candidate is weakest at relative to the
  cohort (lowest skill percentile, then lowest fraction, then name).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from grader.results import SkillScore
from grader.services.scoring import AttemptScore, fraction_of

_EPSILON = 1e-9


@dataclass(frozen=True)
class Ranked:
    """One completed attempt's place in its cohort."""

    attempt_id: str
    candidate: str
    rank: int
    score: float
    max_score: float
    percentile: float
    skills: dict[str, SkillScore]
    skill_percentiles: dict[str, float]
    meets_requirements: bool
    missing: list[str]
    interview_focus: list[str]
    flagged: bool


@dataclass(frozen=True)
class Entry:
    """A completed attempt to rank."""

    attempt_id: str
    candidate: str
    score: AttemptScore
    flagged: bool


def _percentile(value: float, others: Sequence[float]) -> float:
    if not others:
        return 100.0
    below = sum(1 for other in others if other + _EPSILON < value)
    return round(100.0 * below / len(others), 1)


def rank(entries: Sequence[Entry], requirements: dict[str, float]) -> list[Ranked]:
    """Rank the entries, best first; ties share a rank and keep the order they came in."""
    ordered = sorted(entries, key=lambda e: -e.score.score)
    scores = [e.score.score for e in ordered]
    ranked = []
    for index, entry in enumerate(ordered):
        mine = entry.score
        rank_ = 1 + sum(1 for s in scores if s > mine.score + _EPSILON)
        others = [s for i, s in enumerate(scores) if i != index]
        skill_percentiles = {
            skill: _percentile(
                fraction_of(points),
                [
                    fraction_of(o.score.skills.get(skill))
                    for i, o in enumerate(ordered)
                    if i != index
                ],
            )
            for skill, points in mine.skills.items()
        }
        ranked.append(
            Ranked(
                attempt_id=entry.attempt_id,
                candidate=entry.candidate,
                rank=rank_,
                score=mine.score,
                max_score=mine.max_score,
                percentile=_percentile(mine.score, others),
                skills=mine.skills,
                skill_percentiles=skill_percentiles,
                meets_requirements=mine.meets_requirements,
                missing=mine.missing,
                interview_focus=interview_focus(mine, skill_percentiles, requirements),
                flagged=entry.flagged,
            )
        )
    return ranked


def interview_focus(
    score: AttemptScore, skill_percentiles: dict[str, float], requirements: dict[str, float]
) -> list[str]:
    """The skills to probe: those below requirement, else the weakest relative to the cohort."""
    if score.missing:
        return sorted(
            score.missing,
            key=lambda s: (fraction_of(score.skills.get(s)) - requirements[s], s),
        )
    if not score.skills:
        return []
    weakest = min(
        score.skills,
        key=lambda s: (skill_percentiles[s], fraction_of(score.skills[s]), s),
    )
    return [weakest]


CSV_COLUMNS = [
    "rank",
    "candidate",
    "attempt_id",
    "score",
    "max_score",
    "percentile",
    "meets_requirements",
    "missing",
    "interview_focus",
    "flagged",
]


def to_csv(rows: Sequence[Ranked], skills: Sequence[str]) -> str:
    """The ranking as CSV: one row per attempt, each skill's score and percentile as columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [*CSV_COLUMNS, *(f"{s} score" for s in skills), *(f"{s} percentile" for s in skills)]
    )
    for row in rows:
        writer.writerow(
            [
                row.rank,
                _safe(row.candidate),
                row.attempt_id,
                f"{row.score:g}",
                f"{row.max_score:g}",
                f"{row.percentile:g}",
                "true" if row.meets_requirements else "false",
                " ".join(row.missing),
                " ".join(row.interview_focus),
                "true" if row.flagged else "false",
                *(f"{row.skills[s].score:g}" if s in row.skills else "" for s in skills),
                *(f"{row.skill_percentiles[s]:g}" if s in row.skills else "" for s in skills),
            ]
        )
    return out.getvalue()


def _safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
