"""The OpenAPI description, with examples for schemas, responses and every problem status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from grader.api import examples
from grader.api.problems import MEDIA_TYPE

# Examples for the responses that are not JSON.
SPECIAL: dict[str, str] = {
    "application/jsonl": '{"id": "5f0c2e8b...", "question_id": "matplotlib-linear-plot", '
    '"code": "import matplotlib.pyplot as plt\\n...", "result": {"score": 9.0, "...": "..."}}\n',
    "image/png": "(the PNG's bytes)",
    "text/plain; version=1.0.0; charset=utf-8": "grader_queue_depth 0.0\n",
    "text/csv": examples.hiring.RANKING_CSV,
}


def _example_for(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    reference = schema.get("$ref", "")
    if reference:
        target = components.get(reference.rsplit("/", 1)[-1], {})
        found = target.get("examples")
        return found[0] if found else None
    if schema.get("type") == "array" and "items" in schema:
        item = _example_for(schema["items"], components)
        return None if item is None else [item]
    return None


def _body_statuses(operation: dict[str, Any]) -> None:
    """What any operation with a body may answer before a route runs: 413 for a body over the
    limit (the middleware), and 400 for a JSON body that does not parse."""
    body = operation.get("requestBody")
    if not body:
        return
    responses = operation.setdefault("responses", {})
    responses.setdefault("413", {"description": "The body or code is too large."})
    if "application/json" in body.get("content", {}):
        responses.setdefault("400", {"description": "The body is not valid JSON."})


def enrich(spec: dict[str, Any]) -> dict[str, Any]:
    """Add examples to the generated description, in place; returns it."""
    components = spec.setdefault("components", {}).setdefault("schemas", {})
    # FastAPI's own validation error schemas: every 422 here is a Problem instead.
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    for name, example in examples.SCHEMAS.items():
        if name in components and "examples" not in components[name]:
            components[name]["examples"] = [example]
    for item in spec.get("paths", {}).values():
        for operation in item.values():
            _body_statuses(operation)
            for status, response in operation.get("responses", {}).items():
                code = int(status) if str(status).isdigit() else 0
                content = response.setdefault("content", {})
                if code >= 400 and code in examples.PROBLEMS:
                    problem = examples.PROBLEMS[code]
                    content.pop("application/json", None)
                    content[MEDIA_TYPE] = {
                        "schema": {"$ref": "#/components/schemas/Problem"},
                        "example": problem,
                    }
                    continue
                for media_type, media in content.items():
                    if media_type in SPECIAL and "example" not in media:
                        media["example"] = SPECIAL[media_type]
                    if "example" not in media and "schema" in media:
                        schema = media["schema"]
                        found = _example_for(schema, components)
                        # A union (a kind-discriminated one too): the first member's example.
                        for union in ("oneOf", "anyOf"):
                            if found is None and union in schema:
                                options = [_example_for(s, components) for s in schema[union]]
                                found = next((o for o in options if o is not None), None)
                        if found is not None:
                            media["example"] = found
    return spec


def install(app: FastAPI) -> None:
    """Serve the enriched description at /openapi.json (and so in /docs)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = enrich(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    summary=app.summary,
                    description=app.description,
                    routes=app.routes,
                )
            )
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]  # FastAPI's documented override
