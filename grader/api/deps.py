"""Dependencies injected into routes, as Annotated aliases: the caller and the services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import (
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    SecurityScopes,
)

from grader.bank.question import Bank
from grader.metrics import Metrics
from grader.services.application import Application
from grader.services.assessments import Assessments
from grader.services.attempts import Attempts
from grader.services.auth import Authenticator, Principal
from grader.services.exports import Exports
from grader.services.regrades import Regrades
from grader.services.reviews import Reviews
from grader.services.submissions import Submissions
from grader.services.tenants import Tenants

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer <key>`.")
api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="The same API key, as `X-API-Key: <key>`."
)


def application(request: Request) -> Application:
    """The process's application, set on the app by `create_app`."""
    found: Application = request.app.state.application
    return found


def _submissions(request: Request) -> Submissions:
    return application(request).submissions


def _reviews(request: Request) -> Reviews:
    return application(request).reviews


def _assessments(request: Request) -> Assessments:
    return application(request).assessments


def _attempts(request: Request) -> Attempts:
    return application(request).attempts


def _regrades(request: Request) -> Regrades:
    return application(request).regrades


def _tenants(request: Request) -> Tenants:
    return application(request).tenants


def _exports(request: Request) -> Exports:
    return application(request).exports


def _bank(request: Request) -> Bank:
    return application(request).bank


def _metrics(request: Request) -> Metrics:
    return application(request).metrics


def _readiness(request: Request) -> Callable[[], dict[str, bool]]:
    return application(request).ready


def _auth(request: Request) -> Authenticator:
    return application(request).auth


AuthDep = Annotated[Authenticator, Depends(_auth)]
SubmissionsDep = Annotated[Submissions, Depends(_submissions)]
ReviewsDep = Annotated[Reviews, Depends(_reviews)]
RegradesDep = Annotated[Regrades, Depends(_regrades)]
AssessmentsDep = Annotated[Assessments, Depends(_assessments)]
AttemptsDep = Annotated[Attempts, Depends(_attempts)]
TenantsDep = Annotated[Tenants, Depends(_tenants)]
ExportsDep = Annotated[Exports, Depends(_exports)]
BankDep = Annotated[Bank, Depends(_bank)]
MetricsDep = Annotated[Metrics, Depends(_metrics)]
ReadinessDep = Annotated[Callable[[], dict[str, bool]], Depends(_readiness)]


def get_principal(
    security_scopes: SecurityScopes,
    auth: AuthDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    api_key: Annotated[str | None, Depends(api_key_header)],
) -> Principal:
    key = credentials.credentials if credentials is not None else api_key
    principal = auth.authenticate(key)
    auth.authorize(principal, security_scopes.scopes)
    auth.throttle(principal)
    return principal


SubmitCaller = Annotated[Principal, Security(get_principal, scopes=["submit"])]
ReadCaller = Annotated[Principal, Security(get_principal, scopes=["read"])]
ReviewCaller = Annotated[Principal, Security(get_principal, scopes=["review"])]
AdminCaller = Annotated[Principal, Security(get_principal, scopes=["admin"])]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        description="Repeat a POST safely: the same key answers with the first submission.",
    ),
]
