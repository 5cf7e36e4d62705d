"""Example payloads for the OpenAPI description, built around one real grading result."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from grader.api.examples import hiring

# The result of grading questions/matplotlib-linear-plot/samples/crashing_after_plot.py.
RESULT: dict[str, Any] = json.loads((Path(__file__).parent / "result.json").read_text())

SUBMISSION_ID = "5f0c2e8b9a1d4c3e8f7a6b5c4d3e2f1a"
RUN_ID = "9b8a7c6d5e4f40312233445566778899"
WHEN = "2026-11-26T06:02:06.521678Z"


def _submission(**extra: Any) -> dict[str, Any]:
    return {
        "id": SUBMISSION_ID,
        "status": "completed",
        "question_id": "matplotlib-linear-plot",
        "question_version": RESULT["provenance"]["question_version"],
        "metadata": {"candidate": "c-123"},
        "created_at": WHEN,
        "started_at": WHEN,
        "finished_at": WHEN,
        "result": RESULT,
        "error": None,
        **extra,
    }


def _problem(status: int, slug: str, title: str, detail: str) -> dict[str, Any]:
    return {
        "type": f"https://grader.invalid/problems/{slug}",
        "title": title,
        "status": status,
        "detail": detail,
    }


PROBLEMS: dict[int, dict[str, Any]] = {
    400: _problem(400, "invalid-json", "Invalid JSON", "The request body is not valid JSON."),
    401: _problem(401, "unauthenticated", "Authentication required", "no API key was sent"),
    403: _problem(403, "forbidden", "Missing scope", "this API key lacks the 'submit' scope"),
    404: _problem(404, "not-found", "Submission not found", "there is no submission 'abc'"),
    409: _problem(409, "not-graded", "Submission not graded yet", "the submission is queued"),
    413: _problem(
        413,
        "payload-too-large",
        "Payload too large",
        "the code is 600000 bytes; the limit is 524288",
    ),
    422: {
        **_problem(422, "validation-error", "Invalid request", "unknown field 'langauge'"),
        "errors": [{"field": "langauge", "message": "unknown field 'langauge'"}],
    },
    429: _problem(429, "rate-limited", "Too many requests", "retry after 2 s"),
    500: _problem(500, "internal", "Internal error", "The grader failed; try again later."),
    503: _problem(503, "queue-full", "Grading queue is full", "retry after 5 s"),
}

LIMITS = {
    "wall_seconds": 10.0,
    "cpu_seconds": 10.0,
    "memory_mb": 512,
    "processes": 64,
    "output_kb": 1024,
    "file_kb": 10240,
    "workdir_mb": 64,
    "truncate_output": False,
}
QUESTION = {
    "id": "matplotlib-linear-plot",
    "version": RESULT["provenance"]["question_version"],
    "title": "Draw a linear plot with Matplotlib",
    "kind": "code",
    "language": "python",
    "points": 10.0,
    "skills": ["matplotlib", "data-visualisation"],
    "prompt": "Write a Python program that uses Matplotlib to draw a line plot of the linear "
    "function y = 2x + 1 for x from 0 to 10. Label the x-axis and the y-axis and give the plot "
    "a title.\n",
    "starter": "import matplotlib.pyplot as plt\n",
    "limits": LIMITS,
}
MULTIPLE_CHOICE_QUESTION = {
    "id": "ml-imbalance-remedies",
    "version": "3e890d9f83749a23",
    "title": "Fixing a classifier trained on imbalanced data",
    "kind": "multiple_choice",
    "points": 3.0,
    "skills": ["machine-learning", "model-evaluation"],
    "prompt": "Only 1% of the transactions are fraudulent and the model reaches 99% accuracy, yet "
    "it flags almost none of them. Which of the following would help? Choose **all** that "
    "apply.\n",
    "options": [
        {"id": "metrics", "text": "Judge the model by recall, precision or F1, not accuracy."},
        {"id": "more-epochs", "text": "Train for more epochs until training accuracy is 100%."},
    ],
    "multiple": True,
}
TEXT_QUESTION = {
    "id": "sentiment-skew-reason",
    "version": "3ab421dcb89187cf",
    "title": "Why is the sentiment data set skewed?",
    "kind": "text",
    "points": 7.0,
    "skills": ["statistical-analysis", "machine-learning"],
    "prompt": "The negative class of a sentiment data set is skewed more than 80% towards the "
    "positive class. What is the reason for this skewness?\n",
}
RUN = {
    "id": RUN_ID,
    "submission_id": SUBMISSION_ID,
    "question_version": RESULT["provenance"]["question_version"],
    "verdict": RESULT["verdict"],
    "score": RESULT["score"],
    "created_at": WHEN,
    "provenance": RESULT["provenance"],
    "result": RESULT,
}
DELIVERY = {
    "attempt": 1,
    "url": "https://lms.example/grader-webhook",
    "status_code": 200,
    "delivered": True,
    "error": None,
    "duration_ms": 84,
    "created_at": WHEN,
}
REVIEW = {
    "id": "3c2b1a0f9e8d47c6b5a4938271605f4e",
    "submission_id": SUBMISSION_ID,
    "run_id": RUN_ID,
    "automatic_score": 9.0,
    "score": 10.0,
    "comment": "The crash is after the figure was saved; full marks on review.",
    "reviewer": "r.lee",
    "created_at": WHEN,
    "stale": False,
}
GRADESCOPE = {
    "score": RESULT["score"],
    "output": RESULT["feedback"],
    "tests": [
        {
            "name": t["name"],
            "score": t["score"],
            "max_score": t["max_score"],
            "status": "passed" if t["score"] >= t["max_score"] else "failed",
            "output": t["message"],
            "visibility": "visible",
        }
        for t in RESULT["tests"]
    ],
}

JOB_ID = "7e6d5c4b3a2910f8e7d6c5b4a3928170"
CHANGE = {
    "submission_id": SUBMISSION_ID,
    "direction": "up",
    "old_score": 9.0,
    "new_score": 10.0,
    "old_verdict": "runtime_error",
    "new_verdict": "passed",
    "tests_changed": ["runs"],
    "error": None,
}
SUMMARY = {
    "up": 1,
    "down": 0,
    "unchanged": 11,
    "changed_same_score": 0,
    "errors": 0,
    "new": 0,
    "changes": [CHANGE],
}
JOB = {
    "id": JOB_ID,
    "status": "completed",
    "question_id": "matplotlib-linear-plot",
    "question_version": RESULT["provenance"]["question_version"],
    "pinned_version": None,
    "created_at": WHEN,
    "finished_at": WHEN,
    "progress": {"done": 12, "total": 12},
    "summary": SUMMARY,
}

# Examples by the name of the schema in the OpenAPI document.
SCHEMAS: dict[str, Any] = {
    **hiring.SCHEMAS,
    "Limits": LIMITS,
    "CodeQuestionPublic": QUESTION,
    "MultipleChoiceQuestionPublic": MULTIPLE_CHOICE_QUESTION,
    "TextQuestionPublic": TEXT_QUESTION,
    "QuestionList": {"data": [QUESTION, MULTIPLE_CHOICE_QUESTION, TEXT_QUESTION], "count": 3},
    "OptionPublic": {"id": "class-weights", "text": "Weight the loss by inverse class frequency"},
    "SkillScore": {"score": 9.0, "max_score": 10.0},
    "SubmissionList": {"data": [_submission()], "count": 1},
    "RunPublic": RUN,
    "RunList": {"data": [RUN], "count": 1},
    "DeliveryPublic": DELIVERY,
    "DeliveryList": {"data": [DELIVERY], "count": 1},
    "ReviewPublic": REVIEW,
    "ReviewList": {"data": [REVIEW], "count": 1},
    "BatchItemResult": {
        "index": 0,
        "status": 202,
        "submission": {"id": SUBMISSION_ID, "status": "queued"},
        "problem": None,
    },
    "BatchResult": {
        "data": [
            {
                "index": 0,
                "status": 202,
                "submission": {"id": SUBMISSION_ID, "status": "queued"},
                "problem": None,
            },
            {"index": 1, "status": 422, "submission": None, "problem": PROBLEMS[422]},
        ],
        "count": 2,
        "accepted": 1,
    },
    "BatchCreate": {
        "submissions": [
            {"question_id": "matplotlib-linear-plot", "code": "import matplotlib.pyplot as plt\n"},
            {"question_id": "softmax-stable", "code": "def softmax(x): ..."},
        ]
    },
    "RegradeCreate": {"question_version": RESULT["provenance"]["question_version"]},
    "TenantPublic": {"name": "acme-lms", "callback_url": "https://lms.example/grader-webhook"},
    "WebhookSecret": {"webhook_secret": "whsec_3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e"},
    "RegradeJobAccepted": {
        "job_id": JOB_ID,
        "status": "running",
        "total": 12,
        "question_id": "matplotlib-linear-plot",
        "question_version": RESULT["provenance"]["question_version"],
    },
    "RegradeProgress": {"done": 12, "total": 12},
    "RegradeChange": CHANGE,
    "RegradeSummary": SUMMARY,
    "RegradeJobPublic": JOB,
    "RegradeJobList": {"data": [JOB], "count": 1},
    "GradescopeResults": GRADESCOPE,
    "GradescopeTest": GRADESCOPE["tests"][0],
    "ArtifactResult": {
        "name": "check-diff.png",
        "media_type": "image/png",
        "test": "pixels",
        "visibility": "after_due",
        "sha256": RESULT["figures"][0]["sha256"],
        "bytes": 31022,
    },
    "GradingResult": RESULT,
    "TestResult": RESULT["tests"][0],
    "Output": RESULT["stderr"],
    "FigureResult": RESULT["figures"][0],
    "FigureSummary": RESULT["figures"][0]["summary"],
    "AxesSummary": RESULT["figures"][0]["summary"]["axes"][0],
    "ArtistSummary": RESULT["figures"][0]["summary"]["axes"][0]["artists"][0],
    "Resources": RESULT["resources"],
    "Provenance": RESULT["provenance"],
    "SubmissionAccepted": {"id": SUBMISSION_ID, "status": "queued"},
    "SubmissionPublic": _submission(),
    "Problem": PROBLEMS[404],
    "Health": {"status": "ok", "checks": {"database": True, "docker": True}},
}
