"""Headless Chromium through Selenium, with screenshots kept as test artifacts.

Debian's `chromium` and `chromium-driver` packages (installed by scripts/install) are driven
directly: Selenium Manager would try to download a driver, which a closed network refuses.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service

from grader.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = PROJECT_ROOT / "var" / "test-artifacts" / "browser"
WINDOW = (1366, 900)  # a laptop screen

Screenshot = Callable[[str], Path]

# The network is unreachable but for loopback, as on a closed network: every other host name
# resolves to nothing and every other request goes to a proxy port where nothing listens.
OFFLINE = (
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
    "--disable-background-networking",
)

pytestmark = pytest.mark.browser


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists() and shutil.which(path.name) is None:
            return (
                f"{path} is missing: the browser tests drive Debian's Chromium; run "
                "scripts/install (as root) or `apt-get install -y chromium chromium-driver`"
            )
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session; each test starts from a blank page."""
    missing = _missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium"))
    # --no-sandbox: the tests run as root, where Chromium refuses its own sandbox; it only
    # ever loads pages the test server on 127.0.0.1 serves.
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    for argument in OFFLINE:
        options.add_argument(argument)
    # The performance log lists every request a page attempts (tests/browser/network.py).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver_path = CHROMEDRIVER if CHROMEDRIVER.exists() else Path(str(shutil.which("chromedriver")))
    try:
        driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    except WebDriverException as exc:
        pytest.fail(f"headless Chromium did not start: {exc.msg}", pytrace=False)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def page(browser: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The session's browser with no cookies left by the test before."""
    browser.delete_all_cookies()
    yield browser
    browser.delete_all_cookies()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest, browser: webdriver.Chrome) -> Iterator[Screenshot]:
    """Save the page as var/test-artifacts/browser/<test>-<label>.png; a failure gets one too."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    saved: list[Path] = []

    def take(label: str) -> Path:
        path = ARTIFACTS / f"{stem}-{label}.png"
        if not browser.save_screenshot(str(path)):
            raise AssertionError(f"Chromium could not save a screenshot to {path}")
        saved.append(path)
        return path

    yield take
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        take("failure")
    for path in saved:
        print(f"screenshot: {path}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]  # read by the screenshot fixture
    return report
