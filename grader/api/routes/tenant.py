"""The caller's own tenant: its default webhook URL and its webhook secret (admin scope)."""

from __future__ import annotations

from fastapi import APIRouter

from grader.api import presenters
from grader.api.deps import AdminCaller, TenantsDep
from grader.api.models import TenantPublic, TenantUpdate, WebhookSecret, url_text
from grader.api.problems import documented

router = APIRouter(prefix="/v1/tenant", tags=["tenant"])

PROBLEMS = documented(422)


@router.get("", response_model=TenantPublic, responses=PROBLEMS)
def get_tenant(caller: AdminCaller, tenants: TenantsDep) -> TenantPublic:
    return presenters.tenant(tenants.get(tenant=caller.tenant))


@router.patch("", response_model=TenantPublic, responses=PROBLEMS)
def update_tenant(body: TenantUpdate, caller: AdminCaller, tenants: TenantsDep) -> TenantPublic:
    row = tenants.set_callback_url(tenant=caller.tenant, callback_url=url_text(body.callback_url))
    return presenters.tenant(row)


@router.post("/webhook-secret", response_model=WebhookSecret, responses=PROBLEMS)
def rotate_webhook_secret(caller: AdminCaller, tenants: TenantsDep) -> WebhookSecret:
    return WebhookSecret(webhook_secret=tenants.rotate_webhook_secret(tenant=caller.tenant))
