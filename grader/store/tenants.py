"""Tenants and their API keys: create, authenticate by key, list, revoke."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from grader.errors import ApiKeyNotFound, TenantInvalid
from grader.store.db import Sessions, utcnow
from grader.store.tables import ApiKeyRow, TenantRow

Scope = Literal["submit", "read", "review", "admin"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
KEY_PREFIX = "grk_"
TENANT_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
DEFAULT_TENANT = "default"


def hash_key(key: str) -> str:
    """What is stored of a key: its SHA-256, hex (the key is 256 random bits, so no salt)."""
    return hashlib.sha256(key.encode("utf-8", errors="surrogatepass")).hexdigest()


def parse_scopes(text: str) -> tuple[Scope, ...]:
    """Scopes from a comma-separated list, in canonical order; TenantInvalid for unknown ones."""
    wanted = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(wanted - set(SCOPES))
    if unknown or not wanted:
        raise TenantInvalid(
            f"unknown scopes {', '.join(map(repr, unknown))}; choose from {', '.join(SCOPES)}"
            if unknown
            else f"no scopes given; choose from {', '.join(SCOPES)}"
        )
    return tuple(s for s in SCOPES if s in wanted)


def _new_secret() -> str:
    return "whsec_" + secrets.token_hex(32)


@dataclass(frozen=True)
class NewKey:
    """A key just created: `key` is shown this once and never stored."""

    row: ApiKeyRow
    key: str
    tenant: TenantRow
    tenant_created: bool


class TenantStore:
    """Tenants, their webhook settings and their API keys."""

    def __init__(self, engine: Engine) -> None:
        self.sessions = Sessions(engine)

    def ensure(self, name: str) -> tuple[TenantRow, bool]:
        """The tenant, created with a fresh webhook secret when missing; and whether it was."""
        if not TENANT_PATTERN.match(name):
            raise TenantInvalid(
                f"tenant name {name!r} is not valid: use 1 to 64 lowercase letters, digits, "
                "'-' or '_', starting with a letter or digit"
            )
        existing = self.find(name)
        if existing is not None:
            return existing, False
        row = TenantRow(name=name, webhook_secret=_new_secret(), created_at=utcnow())
        try:
            with self.sessions.begin() as session:
                session.add(row)
        except IntegrityError:
            again = self.find(name)
            if again is None:
                raise
            return again, False
        return row, True

    def find(self, name: str) -> TenantRow | None:
        with self.sessions.read() as session:
            return session.get(TenantRow, name)

    def set_callback_url(self, name: str, url: str | None) -> TenantRow:
        row, _ = self.ensure(name)
        with self.sessions.begin() as session:
            stored = session.get(TenantRow, name)
            assert stored is not None
            stored.callback_url = url
        row.callback_url = url
        return row

    def rotate_secret(self, name: str) -> str:
        """Give the tenant a new webhook secret and return it."""
        secret = _new_secret()
        with self.sessions.begin() as session:
            row = session.get(TenantRow, name)
            if row is None:
                raise TenantInvalid(f"there is no tenant {name!r}")
            row.webhook_secret = secret
        return secret

    def create_key(self, tenant: str, scopes: Sequence[Scope]) -> NewKey:
        tenant_row, created = self.ensure(tenant)
        key_id = secrets.token_hex(8)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        row = ApiKeyRow(
            id=key_id,
            tenant=tenant_row.name,
            key_hash=hash_key(key),
            scopes=",".join(scopes),
            created_at=utcnow(),
        )
        with self.sessions.begin() as session:
            session.add(row)
        return NewKey(row=row, key=key, tenant=tenant_row, tenant_created=created)

    def authenticate(self, key: str) -> ApiKeyRow | None:
        """The live key with this secret, or None."""
        with self.sessions.read() as session:
            row = session.scalars(
                select(ApiKeyRow).where(ApiKeyRow.key_hash == hash_key(key))
            ).first()
        if row is None or row.revoked_at is not None:
            return None
        return row

    def keys(self) -> Sequence[ApiKeyRow]:
        with self.sessions.read() as session:
            return session.scalars(
                select(ApiKeyRow).order_by(ApiKeyRow.tenant, ApiKeyRow.created_at)
            ).all()

    def revoke(self, key_id: str) -> ApiKeyRow:
        with self.sessions.begin() as session:
            row = session.get(ApiKeyRow, key_id)
            if row is None:
                raise ApiKeyNotFound(
                    f"there is no API key {key_id!r}; `grader keys list` shows the key ids"
                )
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            return row
