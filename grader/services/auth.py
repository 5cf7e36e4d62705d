"""Who is calling: an API key's tenant and scopes, or the anonymous development caller."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from grader.errors import PermissionDenied, RateLimited, Unauthenticated
from grader.ratelimit import Limiter
from grader.store.tenants import DEFAULT_TENANT, SCOPES, Scope, TenantStore

ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Principal:
    """The tenant a request acts for, the key it used and what that key may do."""

    tenant: str
    key_id: str
    scopes: frozenset[Scope]

    def may(self, scope: str) -> bool:
        # admin is the tenant's owner: it may do whatever the tenant's other keys may.
        return scope in self.scopes or "admin" in self.scopes


class Authenticator:
    """Turns the request's key into a Principal, checks scopes and the key's rate."""

    def __init__(self, *, tenants: TenantStore, allow_anonymous: bool, limiter: Limiter):
        self._tenants = tenants
        self._allow_anonymous = allow_anonymous
        self._limiter = limiter

    def authenticate(self, key: str | None) -> Principal:
        if key is None or not key.strip():
            if self._allow_anonymous:
                return Principal(DEFAULT_TENANT, ANONYMOUS, frozenset(SCOPES))
            raise Unauthenticated(
                "this request has no API key; send it as 'Authorization: Bearer <key>' "
                "or 'X-API-Key: <key>' (an operator creates keys with `grader keys create`)"
            )
        row = self._tenants.authenticate(key.strip())
        if row is None:
            raise Unauthenticated(
                "the API key is unknown or revoked; ask the operator for a new one"
            )
        scopes = frozenset(s for s in SCOPES if s in row.scopes.split(","))
        return Principal(row.tenant, row.id, scopes)

    def authorize(self, principal: Principal, needed: Iterable[str]) -> None:
        missing = [scope for scope in needed if not principal.may(scope)]
        if missing:
            raise PermissionDenied(
                f"this API key lacks the scope {missing[0]!r} that this operation needs; "
                "ask the operator for a key with it"
            )

    def throttle(self, principal: Principal) -> None:
        wait = self._limiter.take(principal.key_id)
        if wait:
            raise RateLimited(
                f"too many requests with this API key; retry in {wait} s", retry_after=wait
            )
