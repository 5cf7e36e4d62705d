"""The reviewer's pages over real HTTP: queue, submission, review form, sign-in, CSRF, tenancy."""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from grader.api.app import create_app
from grader.config import PROJECT_ROOT, Settings
from grader.sandbox.base import SandboxRun
from grader.sandbox.fake import FakeBackend, Script
from grader.store.artifacts import MemoryArtifactStore
from tests.api.conftest import KeyMaker, full_marks
from tests.api.server import serving

WEAK = (PROJECT_ROOT / "questions/sentiment-skew-reason/samples/imbalance_only.txt").read_text()
TEXT = "sentiment-skew-reason"
CHOICE = "ml-imbalance-remedies"
PLOT = "matplotlib-linear-plot"

Serve = Callable[..., str]
DIFF_PNG = b"\x89PNG\r\n\x1a\n" + b"diff" * 8


@pytest.fixture
def script() -> list[Script]:
    """What the fake sandbox answers; a test may replace it."""
    return [full_marks]


@pytest.fixture
def backend(script: list[Script]) -> FakeBackend:
    return FakeBackend(lambda job: script[0](job))


@pytest.fixture
def serve(settings: Settings, backend: FakeBackend, tmp_path: Path) -> Iterator[Callable[..., str]]:
    """Start the service with these settings changed; answers its base URL."""
    stack: list[Any] = []

    def start(**changes: Any) -> str:
        app = create_app(
            settings.model_copy(update=changes),
            backend_for=lambda q: backend,
            judge0_backend=lambda: backend,
            engine_ping=lambda: True,
            artifacts=MemoryArtifactStore(),
        )
        context = serving(app)
        stack.append(context)
        return context.__enter__()

    yield start
    for context in reversed(stack):
        context.__exit__(None, None, None)


@pytest.fixture
def base(serve: Serve) -> str:
    return serve()


@pytest.fixture
def api(base: str, make_key: KeyMaker) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {make_key('acme', 'submit', 'read')}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        yield http


def csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, "the page has no form token"
    return found.group(1)


def signed_in(base: str, key: str) -> httpx.Client:
    browser = httpx.Client(base_url=base, timeout=30)
    form = browser.get("/review/sign-in")
    done = browser.post("/review/sign-in", data={"key": key, "csrf_token": csrf(form)})
    assert done.status_code == 303 and done.headers["location"] == "/review"
    return browser


def submit(api: httpx.Client, question: str, answer: str, **metadata: str) -> dict[str, Any]:
    response = api.post(
        "/v1/submissions",
        params={"wait": "true"},
        json={"question_id": question, "code": answer, "metadata": metadata},
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def text_of(page: httpx.Response, element_id: str) -> str:
    found = re.search(rf'id="{element_id}"[^>]*>(.*?)</(dd|p|td)>', page.text, re.S)
    assert found, f"no element {element_id!r}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def test_signing_in_keeps_the_key_in_a_strict_httponly_cookie(
    base: str, make_key: KeyMaker
) -> None:
    browser = httpx.Client(base_url=base, timeout=30)
    assert browser.get("/review").headers["location"] == "/review/sign-in"
    form = browser.get("/review/sign-in")
    assert form.status_code == 200
    assert '<label for="key">API key</label>' in form.text
    key = make_key("acme", "review", "read")
    done = browser.post("/review/sign-in", data={"key": key, "csrf_token": csrf(form)})
    cookie = next(v for v in done.headers.get_list("set-cookie") if v.startswith("review_key="))
    assert cookie.startswith(f"review_key={key};")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/review" in cookie
    assert browser.get("/review").status_code == 200
    out = browser.post("/review/sign-out", data={"csrf_token": csrf(browser.get("/review"))})
    assert out.headers["location"] == "/review/sign-in"
    assert browser.get("/review").status_code == 303


def test_a_key_without_the_review_scope_cannot_sign_in(base: str, make_key: KeyMaker) -> None:
    browser = httpx.Client(base_url=base, timeout=30)
    form = browser.get("/review/sign-in")
    refused = browser.post(
        "/review/sign-in", data={"key": make_key("acme", "read"), "csrf_token": csrf(form)}
    )
    assert refused.status_code == 401
    assert "lacks the scope &#39;review&#39;" in refused.text
    unknown = browser.post("/review/sign-in", data={"key": "nope", "csrf_token": csrf(form)})
    assert unknown.status_code == 401 and "unknown or revoked" in unknown.text


def test_forms_without_the_token_or_from_another_site_are_refused(
    base: str, api: httpx.Client, make_key: KeyMaker
) -> None:
    created = submit(api, TEXT, WEAK)
    browser = signed_in(base, make_key("acme", "review", "read"))
    url = f"/review/submissions/{created['id']}/review"
    review = {"score": "2", "comment": "", "reviewer": "ann"}
    token = csrf(browser.get(f"/review/submissions/{created['id']}"))
    missing = browser.post(url, data=review)
    assert missing.status_code == 403 and "security token is missing" in missing.text
    wrong = browser.post(url, data={**review, "csrf_token": "x" * 43})
    assert wrong.status_code == 403
    elsewhere = browser.post(
        url, data={**review, "csrf_token": token}, headers={"Origin": "https://evil.example"}
    )
    assert elsewhere.status_code == 403 and "sent from https://evil.example" in elsewhere.text
    assert api.get(f"/v1/submissions/{created['id']}").json()["review"] is None


def test_the_queue_shows_what_awaits_review_newest_first_with_its_details(
    base: str, api: httpx.Client, make_key: KeyMaker
) -> None:
    older = submit(api, TEXT, WEAK, candidate="c-1")
    newer = submit(api, TEXT, WEAK, candidate="c-2")
    thorough = (PROJECT_ROOT / "questions" / TEXT / "samples/thorough.txt").read_text()
    fine = submit(api, TEXT, thorough, candidate="c-3")  # passed: not flagged for review
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get("/review")
    assert page.status_code == 200
    assert "<h1>Awaiting review</h1>" in page.text
    assert page.text.index(newer["id"]) < page.text.index(older["id"])
    assert fine["id"] not in page.text
    assert "2 submissions, newest first" in page.text
    assert "<td>Why is the sentiment data set skewed?</td>" in page.text
    assert '<span class="k">candidate</span> c-2' in page.text
    assert "3 / 7" in page.text
    everything = browser.get("/review", params={"view": "all"})
    assert fine["id"] in everything.text and "3 submissions" in everything.text


def test_the_queue_is_paginated(
    base: str, api: httpx.Client, make_key: KeyMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    from grader.api.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 2)
    made = [submit(api, TEXT, WEAK)["id"] for _ in range(3)]
    browser = signed_in(base, make_key("acme", "review", "read"))
    first = browser.get("/review")
    assert "Page 1 of 2" in first.text and 'rel="next"' in first.text
    assert made[2] in first.text and made[1] in first.text and made[0] not in first.text
    second = browser.get("/review", params={"page": 2})
    assert made[0] in second.text and 'rel="prev"' in second.text


def test_a_review_through_the_form_changes_the_final_score_over_the_api(
    base: str, api: httpx.Client, make_key: KeyMaker
) -> None:
    created = submit(api, TEXT, WEAK)
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get(f"/review/submissions/{created['id']}")
    assert page.status_code == 200
    assert text_of(page, "automatic-score") == "3 / 7"
    assert text_of(page, "final-score") == "3 / 7"
    assert '<blockquote class="answer-text">The data set is imbalanced' in page.text
    for name in ("score", "comment", "reviewer"):
        assert f'<label for="{name}">' in page.text and f'name="{name}"' in page.text
    saved = browser.post(
        f"/review/submissions/{created['id']}/review",
        data={
            "score": "5",
            "comment": "Says it in other words.",
            "reviewer": "ann",
            "csrf_token": csrf(page),
        },
    )
    assert saved.status_code == 303
    after = browser.get(saved.headers["location"])
    assert "Your review was saved. The final score is now 5." in after.text
    assert text_of(after, "final-score").startswith("5 / 7")
    shown = api.get(f"/v1/submissions/{created['id']}").json()
    assert shown["final_score"] == 5.0
    assert (shown["review"]["reviewer"], shown["review"]["comment"]) == (
        "ann",
        "Says it in other words.",
    )


@pytest.mark.parametrize(
    ("score", "reviewer", "message"),
    [
        ("9", "ann", "score: 9 is more than the 7 points available"),
        ("lots", "ann", "Score: Input should be a valid number"),
        ("2", "", "Reviewer: String should have at least 1 character"),
    ],
)
def test_a_bad_review_shows_the_form_again_with_the_reason(
    base: str, api: httpx.Client, make_key: KeyMaker, score: str, reviewer: str, message: str
) -> None:
    created = submit(api, TEXT, WEAK)
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get(f"/review/submissions/{created['id']}")
    refused = browser.post(
        f"/review/submissions/{created['id']}/review",
        data={"score": score, "comment": "kept", "reviewer": reviewer, "csrf_token": csrf(page)},
    )
    assert refused.status_code == 422
    assert message in html.unescape(text_of(refused, "form-error"))
    assert ">kept</textarea>" in refused.text
    assert api.get(f"/v1/submissions/{created['id']}").json()["review"] is None


def test_chosen_options_are_shown_with_the_correct_ones_marked(
    base: str, api: httpx.Client, make_key: KeyMaker
) -> None:
    created = submit(api, CHOICE, '["resample", "deeper-model"]')
    page = signed_in(base, make_key("acme", "review", "read")).get(
        f"/review/submissions/{created['id']}"
    )
    options = re.findall(
        r'<li class="([^"]*)">\s*<span class="mark">(.)</span>\s*'
        r'<span class="opt-id">([^<]+)</span>',
        page.text,
    )
    marks = {oid: (" ".join(cls.split()), mark) for cls, mark, oid in options}
    assert marks["resample"] == ("chosen correct", "☑")
    assert marks["deeper-model"] == ("chosen", "☑")
    assert marks["metrics"] == ("correct", "☐")


def test_code_figures_and_the_reference_are_shown_and_served(
    base: str, api: httpx.Client, make_key: KeyMaker, backend: FakeBackend
) -> None:
    created = submit(api, PLOT, "import matplotlib.pyplot as plt\nplt.plot([0, 10], [1, 21])\n")
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get(f"/review/submissions/{created['id']}")
    assert (
        '<td class="ln" aria-hidden="true">2</td><td><code>plt.plot([0, 10], [1, 21])</code>'
        in (page.text)
    )
    assert '<pre class="stream" tabindex="0">hello\n</pre>' in page.text
    sources = re.findall(r'<img src="([^"]+)"', page.text)
    assert sources[0] == f"/review/submissions/{created['id']}/artifacts/figure-1.png"
    assert sources[1].startswith(f"/review/references/{PLOT}/")
    for source in sources:
        image = browser.get(source)
        assert image.status_code == 200 and image.headers["content-type"] == "image/png"
        assert image.content.startswith(b"\x89PNG")
    graded = len(backend.jobs)
    browser.get(f"/review/submissions/{created['id']}")
    assert len(backend.jobs) == graded  # the reference is rendered once per version
    assert '<h2 id="runs-h">Run history</h2>' in page.text
    assert created["run_id"] in page.text
    assert httpx.get(base + sources[0]).status_code == 401


def test_another_tenants_submission_is_not_found(
    base: str, api: httpx.Client, make_key: KeyMaker
) -> None:
    created = submit(api, TEXT, WEAK)
    other = signed_in(base, make_key("globex", "review", "read"))
    page = other.get(f"/review/submissions/{created['id']}")
    assert page.status_code == 404 and "<h1>Not found</h1>" in page.text
    assert (
        other.get(f"/review/submissions/{created['id']}/artifacts/figure-1.png").status_code == 404
    )
    assert created["id"] not in other.get("/review", params={"view": "all"}).text


def test_anonymous_development_mode_needs_no_sign_in(serve: Serve) -> None:
    base = serve(allow_anonymous=True)
    with httpx.Client(base_url=base, timeout=30) as browser:
        created = browser.post(
            "/v1/submissions", params={"wait": "true"}, json={"question_id": TEXT, "code": WEAK}
        ).json()
        queue = browser.get("/review")
        assert queue.status_code == 200 and created["id"] in queue.text
        assert "Sign out" not in queue.text
        assert browser.get(f"/review/submissions/{created['id']}").status_code == 200


def test_pages_load_only_what_the_service_serves(base: str, make_key: KeyMaker) -> None:
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get("/review")
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert re.findall(r'(?:src|href)="(https?:)?//', page.text) == []
    css = browser.get("/review/static/review.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_pixel_check_diff_images_are_shown_with_their_test(
    base: str, api: httpx.Client, make_key: KeyMaker, script: list[Script]
) -> None:
    def with_diff(job: dict[str, Any]) -> SandboxRun:
        run = full_marks(job)
        assert run.envelope is not None
        png = base64.b64encode(DIFF_PNG).decode()
        run.envelope["harness"]["result"]["artifacts"] = [
            {"name": "diff-line.png", "png": png, "test": "visible"}
        ]
        return run

    script[0] = with_diff
    created = submit(api, PLOT, "import matplotlib.pyplot as plt\nplt.plot([0, 10], [1, 21])\n")
    browser = signed_in(base, make_key("acme", "review", "read"))
    page = browser.get(f"/review/submissions/{created['id']}")
    assert '<h2 id="diffs-h">Pixel differences</h2>' in page.text
    url = f"/review/submissions/{created['id']}/artifacts/check-diff-line.png"
    assert f'<img src="{url}" alt="Pixel difference attached by test visible"' in page.text
    assert browser.get(url).content == DIFF_PNG


def test_the_queue_links_each_assessment_to_its_ranking_page(
    api: httpx.Client, base: str, make_key: KeyMaker
) -> None:
    created = api.post(
        "/v1/assessments",
        json={"title": "Screening <b>", "questions": [{"question_id": CHOICE}]},
    ).json()
    for candidate, choices in (
        ("ana", ["resample", "class-weights", "metrics"]),
        ("ben", ["metrics"]),
    ):
        attempt_id = api.post(
            f"/v1/assessments/{created['id']}/attempts", json={"candidate": candidate}
        ).json()["id"]
        api.put(f"/v1/attempts/{attempt_id}/answers/{CHOICE}", json={"choices": choices})
        api.post(f"/v1/attempts/{attempt_id}/submit")
    browser = signed_in(base, make_key("acme", "review", "read"))
    queue = browser.get("/review")
    assert f'<a href="/review/assessments/{created["id"]}">Screening &lt;b&gt;</a>' in queue.text
    page = browser.get(f"/review/assessments/{created['id']}")
    assert page.status_code == 200
    assert "<h1>Screening &lt;b&gt;</h1>" in page.text
    body = re.search(r'<table class="ranking".*?<tbody>(.*?)</tbody>', page.text, re.S)
    assert body is not None
    rows = [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S)
    ]
    assert [row[:4] for row in rows] == [["1", "ana", "3 / 3", "100"], ["2", "ben", "1 / 3", "0"]]

    other = signed_in(base, make_key("globex", "review", "read"))
    missing = other.get(f"/review/assessments/{created['id']}")
    assert missing.status_code == 404
    assert f"there is no assessment &#39;{created['id']}&#39;" in missing.text
    assert "Screening" not in other.get("/review").text
