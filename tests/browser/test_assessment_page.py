"""The reviewer's assessment page in real headless Chromium: the ranking, linked from the queue."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.store.db import SubmissionStore, make_engine
from grader.store.tenants import TenantStore
from tests.api.server import serving
from tests.browser.conftest import Screenshot

pytestmark = pytest.mark.browser

MC, TEXT = "ml-imbalance-remedies", "sentiment-skew-reason"
SAMPLES = PROJECT_ROOT / "questions" / TEXT / "samples"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, httpx.Client, str]]:
    """The service (multiple-choice and text answers need no sandbox), a client, a reviewer key."""
    root = tmp_path_factory.mktemp("assessment-page")
    settings = Settings(
        database_url=f"sqlite:///{root / 'grader.db'}",
        artifact_dir=root / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )
    engine = make_engine(settings.database_url)
    SubmissionStore(engine).create_schema()
    tenants = TenantStore(engine)
    submitter = tenants.create_key("acme", ("submit", "read")).key
    reviewer = tenants.create_key("acme", ("review", "read")).key
    with (
        serving(create_app(settings)) as url,
        httpx.Client(
            base_url=url, headers={"Authorization": f"Bearer {submitter}"}, timeout=60
        ) as api,
    ):
        yield url, api, reviewer


def take(api: httpx.Client, assessment_id: str, candidate: str, answers: dict[str, Any]) -> None:
    attempt = api.post(f"/v1/assessments/{assessment_id}/attempts", json={"candidate": candidate})
    attempt_id = attempt.json()["id"]
    for question_id, body in answers.items():
        assert api.put(f"/v1/attempts/{attempt_id}/answers/{question_id}", json=body).is_success
    assert api.post(f"/v1/attempts/{attempt_id}/submit").status_code == 202
    for _ in range(500):
        if api.get(f"/v1/attempts/{attempt_id}").json()["status"] == "completed":
            return
    raise AssertionError(f"{candidate}'s attempt did not complete")


def test_the_reviewer_opens_an_assessment_from_the_queue_and_sees_its_ranking(
    page: webdriver.Chrome, screenshot: Screenshot, service: tuple[str, httpx.Client, str]
) -> None:
    url, api, reviewer = service
    created = api.post(
        "/v1/assessments",
        json={
            "title": "ML screening",
            "questions": [{"question_id": MC}, {"question_id": TEXT}],
            "requirements": {"machine-learning": 0.6},
        },
    ).json()
    take(
        api,
        created["id"],
        "ana@example.com",
        {
            MC: {"choices": ["resample", "class-weights", "metrics"]},
            TEXT: {"text": (SAMPLES / "thorough.txt").read_text()},
        },
    )
    take(
        api,
        created["id"],
        "ben@example.com",
        {
            MC: {"choices": ["resample", "class-weights"]},
            TEXT: {"text": (SAMPLES / "imbalance_only.txt").read_text()},
        },
    )
    take(
        api,
        created["id"],
        "cy@example.com",
        {
            MC: {"choices": ["resample", "class-weights"]},
            TEXT: {"text": (SAMPLES / "imbalance_only.txt").read_text()},
        },
    )

    page.get(f"{url}/review")
    page.find_element(By.ID, "key").send_keys(reviewer)
    page.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert page.current_url == f"{url}/review"
    page.find_element(By.LINK_TEXT, "ML screening").click()
    assert page.current_url == f"{url}/review/assessments/{created['id']}"
    assert page.find_element(By.TAG_NAME, "h1").text == "ML screening"
    rows = [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "td, th")]
        for row in page.find_elements(By.CSS_SELECTOR, "table.ranking tbody tr")
    ]
    # rank, candidate, score, percentile, skills (machine-learning, model-evaluation,
    # statistical-analysis), requirements, interview focus
    assert rows == [
        ["1", "ana@example.com", "10 / 10", "100", "10 / 10", "3 / 3", "7 / 7", "met",
         "machine-learning"],
        ["2", "ben@example.com", "5 / 10", "0", "5 / 10", "2 / 3", "3 / 7",
         "missed: machine-learning", "machine-learning"],
        ["2", "cy@example.com", "5 / 10", "0", "5 / 10", "2 / 3", "3 / 7",
         "missed: machine-learning", "machine-learning"],
    ]  # fmt: skip
    caption = page.find_element(By.CSS_SELECTOR, "table.ranking caption").text
    assert caption == "3 completed attempts, best first; tied scores share a rank"
    screenshot("ranking")
    page.find_element(By.LINK_TEXT, "Back to the queue").click()
    assert page.current_url == f"{url}/review"
