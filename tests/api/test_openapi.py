"""The OpenAPI description: every response and schema has an example, and each example is valid."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

from grader import gradescope, results
from grader.api import assessment_models, examples, models
from grader.api.app import create_app
from grader.bank import question
from grader.config import Settings


@pytest.fixture
def spec(tmp_path: Any) -> dict[str, Any]:
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path}/openapi.db"))
    description: dict[str, Any] = app.openapi()
    return description


def test_every_response_of_every_operation_has_an_example(spec: dict[str, Any]) -> None:
    missing = [
        f"{method} {path} {status} {media}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        for status, response in operation["responses"].items()
        for media, content in response.get("content", {}).items()
        if "example" not in content
    ]
    assert missing == []


def test_every_schema_has_an_example_and_errors_are_problems(spec: dict[str, Any]) -> None:
    schemas = spec["components"]["schemas"]
    assert [name for name, schema in schemas.items() if "examples" not in schema] == []
    post = spec["paths"]["/v1/submissions"]["post"]["responses"]
    assert set(post["422"]["content"]) == {"application/problem+json"}
    assert post["413"]["content"]["application/problem+json"]["example"]["status"] == 413


def _model(name: str) -> type[BaseModel]:
    for module in (models, assessment_models, results, question, gradescope):
        found = getattr(module, name, None)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    raise LookupError(f"no model named {name}")


@pytest.mark.parametrize("name", sorted(examples.SCHEMAS))
def test_each_example_is_valid_for_its_model(name: str) -> None:
    _model(name).model_validate(examples.SCHEMAS[name])


def test_a_question_is_a_union_discriminated_by_kind(spec: dict[str, Any]) -> None:
    kinds = {
        "code": "#/components/schemas/CodeQuestionPublic",
        "multiple_choice": "#/components/schemas/MultipleChoiceQuestionPublic",
        "text": "#/components/schemas/TextQuestionPublic",
    }
    one = spec["paths"]["/v1/questions/{question_id}"]["get"]["responses"]["200"]
    schema = one["content"]["application/json"]["schema"]
    assert schema["discriminator"] == {"propertyName": "kind", "mapping": kinds}
    assert [s["$ref"] for s in schema["oneOf"]] == list(kinds.values())
    listed = spec["components"]["schemas"]["QuestionList"]["properties"]["data"]["items"]
    assert listed["discriminator"]["mapping"] == kinds
    schemas = spec["components"]["schemas"]
    for kind, reference in kinds.items():
        member = schemas[reference.rsplit("/", 1)[-1]]
        assert member["properties"]["kind"]["const"] == kind
        assert "kind" in member["required"]
        assert member["examples"][0]["kind"] == kind
    assert set(schemas["CodeQuestionPublic"]["properties"]) >= {"limits", "language"}
    for other in ("MultipleChoiceQuestionPublic", "TextQuestionPublic"):
        assert not {"limits", "language", "starter"} & set(schemas[other]["properties"])
