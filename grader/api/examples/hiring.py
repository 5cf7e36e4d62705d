"""Example payloads of the hiring flow: one assessment of the seed's three kinds of question."""

from __future__ import annotations

from typing import Any

ASSESSMENT_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90"
ATTEMPT_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
OTHER_ATTEMPT_ID = "1a2b3c4d5e6f70819203a4b5c6d7e8f9"
SUBMISSION_ID = "5f0c2e8b9a1d4c3e8f7a6b5c4d3e2f1a"
WHEN = "2026-11-26T06:02:06.521678Z"

QUESTIONS = [
    {
        "question_id": "ml-imbalance-remedies",
        "question_version": "3e890d9f83749a23",
        "kind": "multiple_choice",
        "title": "Fixing a classifier trained on imbalanced data",
        "weight": 1.0,
        "points": 3.0,
        "max_score": 3.0,
        "skills": ["machine-learning", "model-evaluation"],
    },
    {
        "question_id": "sentiment-skew-reason",
        "question_version": "3ab421dcb89187cf",
        "kind": "text",
        "title": "Why is the sentiment data set skewed?",
        "weight": 1.0,
        "points": 7.0,
        "max_score": 7.0,
        "skills": ["statistical-analysis", "machine-learning"],
    },
    {
        "question_id": "softmax-stable",
        "question_version": "9c1d0e7f2a3b4c5d",
        "kind": "code",
        "title": "A numerically stable softmax",
        "weight": 0.5,
        "points": 10.0,
        "max_score": 5.0,
        "skills": ["numpy", "numerical-computing"],
    },
]
SKILLS = {
    "machine-learning": 10.0,
    "model-evaluation": 3.0,
    "numerical-computing": 5.0,
    "numpy": 5.0,
    "statistical-analysis": 7.0,
}
ASSESSMENT = {
    "id": ASSESSMENT_ID,
    "title": "Machine Learning Engineer (screening)",
    "questions": QUESTIONS,
    "skills": SKILLS,
    "max_score": 15.0,
    "requirements": {"machine-learning": 0.6, "numpy": 0.5},
    "due_at": "2026-12-31T17:00:00Z",
    "time_budget_minutes": None,
    "definition": None,
    "created_at": WHEN,
}
SKILL_SCORES = {
    "machine-learning": {"score": 5.0, "max_score": 10.0},
    "model-evaluation": {"score": 2.0, "max_score": 3.0},
    "numerical-computing": {"score": 5.0, "max_score": 5.0},
    "numpy": {"score": 5.0, "max_score": 5.0},
    "statistical-analysis": {"score": 3.0, "max_score": 7.0},
}
ANSWER = {
    "question_id": "sentiment-skew-reason",
    "kind": "text",
    "submission_id": SUBMISSION_ID,
    "status": "completed",
    "score": 3.0,
    "max_score": 7.0,
    "reviewed": False,
    "needs_review": True,
    "result": None,
}
ATTEMPT = {
    "id": ATTEMPT_ID,
    "assessment_id": ASSESSMENT_ID,
    "candidate": "ben@example.com",
    "metadata": {"requisition": "ml-42"},
    "status": "completed",
    "created_at": WHEN,
    "submitted_at": WHEN,
    "score": 10.0,
    "max_score": 15.0,
    "skills": SKILL_SCORES,
    "meets_requirements": False,
    "missing": ["machine-learning"],
    "flagged": True,
    "answers": [ANSWER],
}
RANKING_ROW = {
    "rank": 2,
    "attempt_id": ATTEMPT_ID,
    "candidate": "ben@example.com",
    "score": 10.0,
    "max_score": 15.0,
    "percentile": 33.3,
    "skills": SKILL_SCORES,
    "skill_percentiles": {
        "machine-learning": 33.3,
        "model-evaluation": 0.0,
        "numerical-computing": 33.3,
        "numpy": 33.3,
        "statistical-analysis": 33.3,
    },
    "meets_requirements": False,
    "missing": ["machine-learning"],
    "interview_focus": ["machine-learning"],
    "flagged": True,
}
SPAN = {"start": 37, "end": 260, "first_line": 5, "last_line": 10}
PAIR = {
    "question_id": "softmax-stable",
    "similarity": 0.9785,
    "first": {
        "attempt_id": OTHER_ATTEMPT_ID,
        "candidate": "ana@example.com",
        "submission_id": "6e5d4c3b2a1908f7e6d5c4b3a2918070",
        "spans": [SPAN],
    },
    "second": {
        "attempt_id": ATTEMPT_ID,
        "candidate": "ben@example.com",
        "submission_id": SUBMISSION_ID,
        "spans": [{"start": 40, "end": 330, "first_line": 5, "last_line": 14}],
    },
}

SCHEMAS: dict[str, Any] = {
    "AssessmentQuestionCreate": {"question_id": "softmax-stable", "weight": 0.5},
    "AssessmentQuestionPublic": QUESTIONS[0],
    "AssessmentPublic": ASSESSMENT,
    "AssessmentList": {"data": [ASSESSMENT], "count": 1},
    "AnswerAccepted": {
        "attempt_id": ATTEMPT_ID,
        "question_id": "sentiment-skew-reason",
        "submission_id": SUBMISSION_ID,
        "status": "queued",
    },
    "AttemptAnswerPublic": ANSWER,
    "AttemptPublic": ATTEMPT,
    "RankingRow": RANKING_ROW,
    "RankingList": {"data": [RANKING_ROW], "count": 1},
    "SpanPublic": SPAN,
    "SimilarAnswer": PAIR["first"],
    "SimilarityPair": PAIR,
    "SimilarityList": {"threshold": 0.8, "data": [PAIR], "count": 1},
}

RANKING_CSV = (
    "rank,candidate,attempt_id,score,max_score,percentile,meets_requirements,missing,"
    "interview_focus,flagged,machine-learning score,...\r\n"
    f"1,ana@example.com,{OTHER_ATTEMPT_ID},15,15,100,true,,numerical-computing,true,10,...\r\n"
)
