"""The Judge0-compatible API under /judge0: enough of Judge0 CE 1.13.1 for its official SDK.

Authenticated with this service's API keys, sent as Judge0's `X-Auth-Token` header or as
usual; every request counts against the key's rate. Tokens belong to the key's tenant.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request, Security
from fastapi.responses import JSONResponse
from fastapi.security import (
    APIKeyHeader,
    HTTPAuthorizationCredentials,
    SecurityScopes,
)

from grader.api.deps import AuthDep, api_key_header, application, bearer
from grader.api.problems import documented
from grader.errors import Judge0RequestInvalid
from grader.judge0 import wire
from grader.judge0.limits import Maxima, config_info
from grader.judge0.service import Judge0Service, render
from grader.services.auth import Principal

router = APIRouter(prefix="/judge0", tags=["judge0"])

auth_token_header = APIKeyHeader(
    name="X-Auth-Token",
    scheme_name="X-Auth-Token",
    auto_error=False,
    description="An API key, as Judge0's header.",
)

# Judge0's own defaults and maxima, for the description's example of /config_info.
_EXAMPLE_MAXIMA = Maxima(
    cpu_time_limit=15.0,
    wall_time_limit=20.0,
    memory_limit=512_000,
    max_processes_and_or_threads=120,
    max_file_size=4096,
)


def _example(value: Any, status: int = 200) -> dict[int | str, dict[str, Any]]:
    return {status: {"content": {"application/json": {"example": value}}}}


def get_judge0(request: Request) -> Judge0Service:
    return application(request).judge0


Judge0Dep = Annotated[Judge0Service, Depends(get_judge0)]


def judge0_principal(
    security_scopes: SecurityScopes,
    auth: AuthDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    api_key: Annotated[str | None, Depends(api_key_header)],
    auth_token: Annotated[str | None, Depends(auth_token_header)],
) -> Principal:
    key = auth_token or (credentials.credentials if credentials is not None else api_key)
    principal = auth.authenticate(key)
    auth.authorize(principal, security_scopes.scopes)
    auth.throttle(principal)
    return principal


AnyCaller = Annotated[Principal, Security(judge0_principal)]
SubmitCaller = Annotated[Principal, Security(judge0_principal, scopes=["submit"])]
ReadCaller = Annotated[Principal, Security(judge0_principal, scopes=["read"])]

Base64 = Annotated[
    bool, Query(description="Source, stdin and outputs travel base64-encoded when true.")
]
Fields = Annotated[
    str | None,
    Query(description="Comma-separated fields to return, `*` for all; Judge0's defaults else."),
]


@router.get("/languages", responses={**_example(wire.languages()), **documented()})
def languages(caller: AnyCaller) -> list[dict[str, Any]]:
    return wire.languages()


@router.get(
    "/languages/{language_id}",
    responses={**_example(wire.language(wire.PYTHON3)), **documented(404)},
)
def language(language_id: int, caller: AnyCaller) -> dict[str, Any]:
    found = wire.language(language_id)
    if found is None:
        raise HTTPException(404, detail=f"language with id {language_id} doesn't exist")
    return found


@router.get(
    "/statuses",
    responses={**_example([wire.status_object(s) for s in wire.STATUSES]), **documented()},
)
def statuses(caller: AnyCaller) -> list[dict[str, Any]]:
    return [wire.status_object(status) for status in wire.STATUSES]


@router.get("/about", responses={**_example(wire.about()), **documented()})
def about(caller: AnyCaller) -> dict[str, Any]:
    return wire.about()


@router.get(
    "/config_info",
    responses={**_example(config_info(_EXAMPLE_MAXIMA, max_queue=100)), **documented()},
)
def config(caller: AnyCaller, judge0: Judge0Dep) -> dict[str, Any]:
    return config_info(judge0.maxima, max_queue=judge0.max_queue)


@router.post(
    "/submissions/batch",
    status_code=201,
    responses={
        **_example(
            [{"token": wire.EXAMPLE_TOKEN}, {"language_id": ["language with id 4 doesn't exist"]}],
            201,
        ),
        **documented(400, 422, 503),
    },
)
def create_batch(
    caller: SubmitCaller,
    judge0: Judge0Dep,
    body: Annotated[wire.Judge0BatchCreate, Body()],
    base64_encoded: Base64 = False,
) -> JSONResponse:
    prepared = judge0.prepare_batch(body.submissions, encoded=base64_encoded)
    accepted = [item for item in prepared if not isinstance(item, Judge0RequestInvalid)]
    judge0.create(tenant=caller.tenant, submissions=accepted)
    answer: list[dict[str, Any]] = [
        {item.field: [str(item)]}
        if isinstance(item, Judge0RequestInvalid)
        else {"token": item.token}
        for item in prepared
    ]
    return JSONResponse(answer, status_code=201)


@router.get(
    "/submissions/batch",
    responses={**_example({"submissions": [wire.EXAMPLE_RESULT]}), **documented(400, 422)},
)
def get_batch(
    caller: ReadCaller,
    judge0: Judge0Dep,
    tokens: Annotated[str, Query(description="Comma-separated tokens.")],
    base64_encoded: Base64 = False,
    fields: Fields = None,
) -> dict[str, Any]:
    chosen = wire.parse_fields(fields)
    asked = [token.strip() for token in tokens.split(",") if token.strip()]
    found = judge0.get_many(tenant=caller.tenant, tokens=asked)
    return {
        "submissions": [
            None if item is None else render(item, chosen, encoded=base64_encoded) for item in found
        ]
    }


@router.post(
    "/submissions",
    status_code=201,
    responses={**_example(wire.EXAMPLE_RESULT, 201), **documented(400, 422, 503)},
)
def create_submission(
    caller: SubmitCaller,
    judge0: Judge0Dep,
    body: Annotated[dict[str, Any], Body(examples=[wire.EXAMPLE_SUBMISSION_CREATE])],
    base64_encoded: Base64 = False,
    wait: Annotated[bool, Query(description="Answer only once the run finished.")] = False,
    fields: Fields = None,
) -> JSONResponse:
    chosen = wire.parse_fields(fields)
    submission = judge0.prepare(body, encoded=base64_encoded)
    judge0.create(tenant=caller.tenant, submissions=[submission])
    if not wait:
        return JSONResponse({"token": submission.token}, status_code=201)
    judge0.wait(submission, judge0.wait_seconds(submission))
    return JSONResponse(render(submission, chosen, encoded=base64_encoded), status_code=201)


@router.get(
    "/submissions/{token}",
    responses={**_example(wire.EXAMPLE_RESULT), **documented(400, 404, 422)},
)
def get_submission(
    token: str,
    caller: ReadCaller,
    judge0: Judge0Dep,
    base64_encoded: Base64 = False,
    fields: Fields = None,
) -> dict[str, Any]:
    chosen = wire.parse_fields(fields)
    submission = judge0.get(tenant=caller.tenant, token=token)
    return render(submission, chosen, encoded=base64_encoded)
