"""What a page asked the network for, read from Chromium's performance log."""

from __future__ import annotations

import json
from dataclasses import dataclass

from selenium import webdriver


@dataclass(frozen=True)
class Request:
    """One request the page made; `blocked` is why the browser refused to send it, if it did."""

    url: str
    blocked: str | None


def requests(driver: webdriver.Chrome) -> list[Request]:
    """Every request since the last call, in order (the log is drained as it is read)."""
    urls: dict[str, str] = {}
    blocked: dict[str, str] = {}
    log = driver.get_log("performance")  # type: ignore[no-untyped-call]  # Selenium leaves it untyped
    for entry in log:
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent":
            urls.setdefault(params["requestId"], params["request"]["url"])
        elif message["method"] == "Network.loadingFailed" and params.get("blockedReason"):
            blocked[params["requestId"]] = params["blockedReason"]
    return [Request(url, blocked.get(key)) for key, url in urls.items()]
