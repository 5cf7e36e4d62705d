"""The caller's own tenant: its default webhook URL and its webhook secret (admin scope)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api.deps import AdminCaller, ServicesDep
from grader.api.models import TenantPublic, TenantUpdate, WebhookSecret
from grader.api.problems import documented

router = APIRouter(prefix="/v1/tenant", tags=["tenant"])

PROBLEMS = documented(422)


@router.get("", response_model=TenantPublic, responses=PROBLEMS)
def get_tenant(caller: AdminCaller, services: ServicesDep) -> TenantPublic:
    return services.tenant(caller=caller)


@router.patch("", response_model=TenantPublic, responses=PROBLEMS)
def update_tenant(body: TenantUpdate, caller: AdminCaller, services: ServicesDep) -> TenantPublic:
    return services.update_tenant(caller=caller, body=body)


@router.post("/webhook-secret", response_model=WebhookSecret, responses=PROBLEMS)
def rotate_webhook_secret(caller: AdminCaller, services: ServicesDep) -> WebhookSecret:
    return services.rotate_webhook_secret(caller=caller)
