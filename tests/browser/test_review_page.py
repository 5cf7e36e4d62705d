"""The reviewer's page in real headless Chromium, over a service grading in real sandboxes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
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

pytestmark = [pytest.mark.docker, pytest.mark.browser]

PLOT = PROJECT_ROOT / "questions/matplotlib-linear-plot/samples/partial_no_labels_short_range.py"
WEAK = PROJECT_ROOT / "questions/sentiment-skew-reason/samples/imbalance_only.txt"


class Service:
    """The running service, a submitting client and a reviewer's key."""

    def __init__(self, url: str, api: httpx.Client, reviewer_key: str) -> None:
        self.url = url
        self.api = api
        self.reviewer_key = reviewer_key

    def submit(self, question_id: str, answer: Path, **metadata: str) -> dict[str, Any]:
        response = self.api.post(
            "/v1/submissions",
            params={"wait": "true", "timeout": 120},
            json={"question_id": question_id, "code": answer.read_text(), "metadata": metadata},
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert body["status"] == "completed"
        return body


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    root = tmp_path_factory.mktemp("review")
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
            base_url=url, headers={"Authorization": f"Bearer {submitter}"}, timeout=180
        ) as api,
    ):
        yield Service(url, api, reviewer)


def sign_in(page: webdriver.Chrome, service: Service) -> None:
    page.get(f"{service.url}/review")
    assert page.current_url == f"{service.url}/review/sign-in"
    page.find_element(By.ID, "key").send_keys(service.reviewer_key)
    page.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert page.current_url == f"{service.url}/review"


def loaded_images(page: webdriver.Chrome) -> list[dict[str, Any]]:
    """Every <img> on the page with whether it finished loading and its natural size."""
    images: list[dict[str, Any]] = page.execute_script(
        "return Array.from(document.images).map(i => "
        "({src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth, "
        "height: i.naturalHeight}));"
    )
    return images


def full_page(page: webdriver.Chrome) -> None:
    height = int(page.execute_script("return document.documentElement.scrollHeight;"))
    page.set_window_size(1366, min(max(height, 900), 6000))


def test_a_reviewer_signs_in_sees_the_figures_and_overrides_the_score(
    page: webdriver.Chrome, screenshot: Screenshot, service: Service
) -> None:
    plot = service.submit("matplotlib-linear-plot", PLOT, candidate="c-42")
    text = service.submit("sentiment-skew-reason", WEAK, candidate="c-43")
    sign_in(page, service)

    # The queue: the flagged text answer waits for review; the plot is under "All".
    assert page.find_element(By.TAG_NAME, "h1").text == "Awaiting review"
    assert page.find_elements(By.LINK_TEXT, text["id"])
    assert not page.find_elements(By.LINK_TEXT, plot["id"])
    screenshot("queue")
    page.find_element(By.LINK_TEXT, "All submissions").click()
    page.find_element(By.LINK_TEXT, plot["id"]).click()
    assert page.current_url == f"{service.url}/review/submissions/{plot['id']}"

    # Every figure really loaded: the candidate's and the reference solution's.
    images = loaded_images(page)
    sources = [image["src"] for image in images]
    assert f"/review/submissions/{plot['id']}/artifacts/figure-1.png" in sources
    assert any(src.startswith("/review/references/matplotlib-linear-plot/") for src in sources)
    assert all(image["complete"] and image["width"] > 0 for image in images), images
    assert all((image["width"], image["height"]) == (640, 480) for image in images)
    assert page.find_element(By.ID, "automatic-score").text == (f"{plot['result']['score']:g} / 10")
    full_page(page)
    screenshot("submission")
    page.set_window_size(1366, 900)

    # A review through the form, with the keyboard-reachable fields the issue names.
    page.find_element(By.ID, "score").clear()
    page.find_element(By.ID, "score").send_keys("8.5")
    page.find_element(By.ID, "comment").send_keys("The line is right; the labels are missing.")
    page.find_element(By.ID, "reviewer").send_keys("j.doe")
    page.find_element(By.CSS_SELECTOR, ".review-form button[type=submit]").click()
    assert page.find_element(By.CSS_SELECTOR, "p.notice").text == (
        "Your review was saved. The final score is now 8.5."
    )
    assert page.find_element(By.ID, "final-score").text.startswith("8.5 / 10")
    screenshot("reviewed")

    shown = service.api.get(f"/v1/submissions/{plot['id']}").json()
    assert shown["final_score"] == 8.5
    assert shown["review"]["reviewer"] == "j.doe"
    assert shown["result"]["score"] == plot["result"]["score"]
