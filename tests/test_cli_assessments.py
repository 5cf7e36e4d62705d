"""`grader assessments load`: a versioned TOML definition becomes an assessment of the service."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.api.app import create_app
from grader.cli import main
from grader.config import PROJECT_ROOT, Settings
from grader.store.db import make_engine
from grader.store.tenants import TenantStore
from tests.api.server import in_process

DEFINITION = """\
format = 1
id = "ml-engineer-screen"
version = 3
title = "Machine Learning Engineer (screening)"
time_budget_minutes = 45

[requirements]            # skill -> minimum fraction of that skill's points
"machine-learning" = 0.6

[[questions]]
id = "ml-imbalance-remedies"

[[questions]]
id = "sentiment-skew-reason"
weight = 2.0
"""


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'g.db'}"
    monkeypatch.setenv("GRADER_DATABASE_URL", url)
    monkeypatch.setenv("GRADER_BANK_DIR", str(PROJECT_ROOT / "questions"))
    return url


def test_a_definition_is_loaded_and_served_with_its_pins_and_requirements(
    database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "screen.toml"
    path.write_text(DEFINITION)
    assert main(["assessments", "load", str(path), "--tenant", "acme"]) == 0
    out = capsys.readouterr().out.splitlines()
    assessment_id = out[0].split()[1].rstrip(":")
    assert out[0] == (
        f"assessment {assessment_id}: Machine Learning Engineer (screening) (ml-engineer-screen@3)"
    )
    assert out[-1] == (
        f"written to sqlite:///{tmp_path / 'g.db'}, tenant 'acme': "
        f"GET /v1/assessments/{assessment_id}"
    )
    assert out[3] == ("skills: machine-learning 17, model-evaluation 3, statistical-analysis 14")
    key = TenantStore(make_engine(database)).create_key("acme", ("read",)).key
    app = create_app(Settings(database_url=database, bank_dir=PROJECT_ROOT / "questions"))
    with in_process(app) as connect:
        client = connect({"Authorization": f"Bearer {key}"})
        served = client.get(f"/v1/assessments/{assessment_id}").json()
    assert (served["definition"], served["time_budget_minutes"], served["max_score"]) == (
        "ml-engineer-screen@3",
        45,
        17.0,
    )
    assert served["requirements"] == {"machine-learning": 0.6}
    assert [(q["question_id"], q["weight"]) for q in served["questions"]] == [
        ("ml-imbalance-remedies", 1.0),
        ("sentiment-skew-reason", 2.0),
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('id = "sentiment-skew-reason"', 'id = "no-such-question"'),
            "questions.1.id: there is no question 'no-such-question' in the bank",
        ),
        (
            ('"machine-learning" = 0.6', '"machine-learning" = 0.6\n"deep-learning" = 0.5'),
            "requirements: the assessment's questions measure no skill 'deep-learning'; its "
            "skills are machine-learning, model-evaluation, statistical-analysis",
        ),
        (("format = 1", "format = 2"), "format: Input should be 1"),
        (("weight = 2.0", "weight = 2.0\npoints = 3"), "questions.1.points: unknown field"),
        (("version = 3", 'version = "three"'), "version: Input should be a valid integer"),
    ],
)
def test_a_bad_definition_is_a_clear_error_and_writes_nothing(
    database: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: tuple[str, str],
    message: str,
) -> None:
    path = tmp_path / "screen.toml"
    path.write_text(DEFINITION.replace(*change))
    assert main(["assessments", "load", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"grader: {path}: ")
    assert message in err
    engine = make_engine(database)
    with engine.connect() as connection:
        count = connection.exec_driver_sql("SELECT count(*) FROM assessments").scalar()
    assert count == 0
