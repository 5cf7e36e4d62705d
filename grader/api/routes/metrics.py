"""Prometheus metrics in the text exposition format."""

from __future__ import annotations

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST

from grader.api.deps import MetricsDep

router = APIRouter(tags=["operations"])


@router.get(
    "/metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "The metrics."}},
)
def get_metrics(metrics: MetricsDep) -> Response:
    return Response(content=metrics.render(), media_type=CONTENT_TYPE_LATEST)
