"""A reviewer's session: the API key in an HttpOnly, SameSite=Strict cookie, and CSRF tokens.

Signing in stores the key itself, so the page is exactly as strong as the key: it is checked
(and rate-limited) on every request like a header would be. Forms carry a token that must
equal the `review_csrf` cookie's (double submit); SameSite=Strict already keeps both cookies
off cross-site requests, and a cross-site `Origin` is refused on top.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response

from grader.errors import CsrfRejected

KEY_COOKIE = "review_key"
CSRF_COOKIE = "review_csrf"
CSRF_FIELD = "csrf_token"
PATH = "/review"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def signed_in_key(request: Request) -> str | None:
    key = request.cookies.get(KEY_COOKIE)
    return key if key and key.strip() else None


def sign_in(request: Request, response: Response, key: str) -> None:
    response.set_cookie(
        KEY_COOKIE,
        key,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path=PATH,
    )


def sign_out(response: Response) -> None:
    response.delete_cookie(KEY_COOKIE, path=PATH, httponly=True, samesite="strict")


def csrf_token(request: Request) -> str:
    """The token forms on this page carry: the cookie's, or a new one `remember_csrf` sets."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing and len(existing) >= 32:
        return existing
    token: str | None = getattr(request.state, "csrf_token", None)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.state.csrf_token = token
    return token


def remember_csrf(request: Request, response: Response) -> None:
    """Set the CSRF cookie when this request made a new token."""
    token = getattr(request.state, "csrf_token", None)
    if token is not None:
        response.set_cookie(
            CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            path=PATH,
        )


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuse a form post whose token does not match the cookie, or from another origin."""
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        expected = f"{request.url.scheme}://{request.url.netloc}"
        if origin != expected:
            raise CsrfRejected(
                f"this form was sent from {origin}, not from this site; "
                "open the page here and send it again"
            )
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise CsrfRejected(
            "this form's security token is missing or out of date; reload the page and "
            "send it again"
        )
