"""Dependencies injected into routes, as Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request, Security
from fastapi.security import (
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    HTTPBearer,
    SecurityScopes,
)

from grader.api.auth import Principal
from grader.api.services import Services

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer <key>`.")
api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="The same API key, as `X-API-Key: <key>`."
)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_principal(
    security_scopes: SecurityScopes,
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    api_key: Annotated[str | None, Depends(api_key_header)],
) -> Principal:
    key = credentials.credentials if credentials is not None else api_key
    principal = services.auth.authenticate(key)
    services.auth.authorize(principal, security_scopes.scopes)
    services.auth.throttle(principal)
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
