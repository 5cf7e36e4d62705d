"""The API documentation pages work with no network but loopback: every asset is the service's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.fake import FakeBackend, completed_envelope, envelope_run
from tests.api.server import serving
from tests.browser.network import Request, requests

pytestmark = pytest.mark.browser

REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def base_url(tmp_path: Path) -> Iterator[str]:
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'grader.db'}",
        artifact_dir=tmp_path / "artifacts",
        bank_dir=PROJECT_ROOT / "questions",
    )
    backend = FakeBackend(lambda job: envelope_run(completed_envelope([])))
    app = create_app(settings, backend_for=lambda q: backend, engine_ping=lambda: True)
    with serving(app) as url:
        yield url


@pytest.fixture
def operations(base_url: str) -> set[tuple[str, str]]:
    """(METHOD, path) of every operation the OpenAPI description lists."""
    spec = httpx.get(f"{base_url}/openapi.json").json()
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item}


def _sent_elsewhere(made: list[Request], base_url: str) -> list[str]:
    """URLs the browser sent (it did not block them) to anything but the service."""
    local = (f"{base_url}/", "data:", "blob:")
    return [r.url for r in made if r.blocked is None and not r.url.startswith(local)]


def test_swagger_ui_lists_every_operation_offline(
    browser: webdriver.Chrome, base_url: str, operations: set[tuple[str, str]]
) -> None:
    requests(browser)  # drain what earlier tests left in the log
    browser.get(f"{base_url}/docs")
    WebDriverWait(browser, 30).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, ".opblock")) >= len(operations)
    )
    shown = {
        (
            block.find_element(By.CSS_SELECTOR, ".opblock-summary-method").text,
            block.find_element(By.CSS_SELECTOR, ".opblock-summary-path").text.replace("\u200b", ""),
        )
        for block in browser.find_elements(By.CSS_SELECTOR, ".opblock")
    }
    assert shown == operations
    assert browser.find_element(By.CSS_SELECTOR, ".info .title").text.startswith("Grader")
    made = requests(browser)
    assert Request(f"{base_url}/static-offline-docs/swagger-ui-bundle.js", None) in made
    assert Request(f"{base_url}/static-offline-docs/swagger-ui.css", None) in made
    assert _sent_elsewhere(made, base_url) == []


def test_redoc_lists_every_operation_offline_and_its_cdn_logo_is_blocked(
    browser: webdriver.Chrome, base_url: str, operations: set[tuple[str, str]]
) -> None:
    requests(browser)
    browser.get(f"{base_url}/redoc")
    WebDriverWait(browser, 30).until(
        lambda b: (
            len(b.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/']"))
            >= len(operations)
        )
    )
    sections = browser.find_elements(By.CSS_SELECTOR, "[data-section-id^='operation/']")
    assert len(sections) == len(operations)
    made = requests(browser)
    assert Request(f"{base_url}/static-offline-docs/redoc.standalone.js", None) in made
    assert Request(REDOC_LOGO, "csp") in made
    assert _sent_elsewhere(made, base_url) == []
