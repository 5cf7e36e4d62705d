"""Tenants and API keys: hashed storage, authentication, revocation, validation."""

from __future__ import annotations

import pytest

from grader.errors import ApiKeyNotFound, TenantInvalid
from grader.store.db import SubmissionStore, make_engine
from grader.store.tables import ApiKeyRow
from grader.store.tenants import TenantStore, hash_key, parse_scopes


@pytest.fixture
def tenants(migrated_database_url: str) -> TenantStore:
    engine = make_engine(migrated_database_url)
    SubmissionStore(engine).create_schema()
    return TenantStore(engine)


def test_a_key_is_stored_only_as_its_hash(tenants: TenantStore) -> None:
    new = tenants.create_key("acme", ("submit", "read"))
    (row,) = tenants.keys()
    assert new.key.startswith("grk_") and len(new.key) == 47
    assert (row.key_hash, row.tenant, row.scopes) == (hash_key(new.key), "acme", "submit,read")
    assert new.key not in repr({c.name: getattr(row, c.name) for c in ApiKeyRow.__table__.columns})


def test_the_tenant_is_created_once_with_a_webhook_secret(tenants: TenantStore) -> None:
    first = tenants.create_key("acme", ("read",))
    second = tenants.create_key("acme", ("submit",))
    assert (first.tenant_created, second.tenant_created) == (True, False)
    assert first.tenant.webhook_secret == second.tenant.webhook_secret
    assert first.tenant.webhook_secret.startswith("whsec_")


def test_authenticate_finds_live_keys_only(tenants: TenantStore) -> None:
    new = tenants.create_key("acme", ("read",))
    found = tenants.authenticate(new.key)
    assert found is not None and found.id == new.row.id
    assert tenants.authenticate(new.key + "x") is None
    tenants.revoke(new.row.id)
    assert tenants.authenticate(new.key) is None


def test_revoking_an_unknown_key_says_how_to_find_one(tenants: TenantStore) -> None:
    with pytest.raises(ApiKeyNotFound, match="`grader keys list` shows the key ids"):
        tenants.revoke("nope")


def test_scopes_are_parsed_in_canonical_order_and_checked() -> None:
    assert parse_scopes("read, submit") == ("submit", "read")
    with pytest.raises(TenantInvalid, match="unknown scopes 'write'"):
        parse_scopes("read,write")
    with pytest.raises(TenantInvalid, match="no scopes given"):
        parse_scopes(" , ")


def test_tenant_names_are_validated(tenants: TenantStore) -> None:
    with pytest.raises(TenantInvalid, match="tenant name 'Acme Corp' is not valid"):
        tenants.ensure("Acme Corp")
