"""/v1/tenant: an admin key reads and sets its tenant's webhook default and rotates its secret."""

from __future__ import annotations

import httpx

from grader.config import Settings
from grader.store.db import make_engine
from grader.store.tenants import TenantStore
from tests.api.conftest import KeyMaker, problem


def test_an_admin_sets_the_default_callback_and_rotates_the_secret(
    anonymous: httpx.Client, make_key: KeyMaker, settings: Settings
) -> None:
    admin = {"Authorization": f"Bearer {make_key('acme', 'admin')}"}
    assert anonymous.get("/v1/tenant", headers=admin).json() == {
        "name": "acme",
        "callback_url": None,
    }
    updated = anonymous.patch(
        "/v1/tenant", json={"callback_url": "https://lms.example/hook"}, headers=admin
    )
    assert updated.json() == {"name": "acme", "callback_url": "https://lms.example/hook"}
    tenants = TenantStore(make_engine(settings.database_url))
    before = tenants.find("acme")
    rotated = anonymous.post("/v1/tenant/webhook-secret", headers=admin).json()
    after = tenants.find("acme")
    assert before is not None and after is not None
    assert rotated == {"webhook_secret": after.webhook_secret}
    assert after.webhook_secret != before.webhook_secret
    assert (after.callback_url, after.webhook_secret.startswith("whsec_")) == (
        "https://lms.example/hook",
        True,
    )
    cleared = anonymous.patch("/v1/tenant", json={"callback_url": None}, headers=admin)
    assert cleared.json() == {"name": "acme", "callback_url": None}


def test_the_tenant_endpoints_need_the_admin_scope(client: httpx.Client) -> None:
    response = client.get("/v1/tenant")
    assert (response.status_code, problem(response)["title"]) == (403, "Missing scope")
    assert client.post("/v1/tenant/webhook-secret").status_code == 403


def test_a_private_default_callback_is_refused(anonymous: httpx.Client, make_key: KeyMaker) -> None:
    admin = {"Authorization": f"Bearer {make_key('acme', 'admin')}"}
    response = anonymous.patch(
        "/v1/tenant", json={"callback_url": "http://192.168.0.1/"}, headers=admin
    )
    assert (response.status_code, problem(response)["title"]) == (422, "Callback URL refused")
