"""The caller's own tenant: its default webhook URL and its webhook secret."""

from __future__ import annotations

from grader.store.tables import TenantRow
from grader.store.tenants import TenantStore
from grader.webhooks import check_callback_url


class Tenants:
    """Read and change a tenant's webhook settings."""

    def __init__(self, *, tenants: TenantStore, allow_private_callbacks: bool) -> None:
        self._tenants = tenants
        self._allow_private_callbacks = allow_private_callbacks

    def get(self, *, tenant: str) -> TenantRow:
        """The tenant, created on first use."""
        row, _ = self._tenants.ensure(tenant)
        return row

    def set_callback_url(self, *, tenant: str, callback_url: str | None) -> TenantRow:
        """Set (or with None, remove) where the tenant's webhooks go by default."""
        if callback_url is not None:
            check_callback_url(
                callback_url, allow_private=self._allow_private_callbacks, field="callback_url"
            )
        return self._tenants.set_callback_url(tenant, callback_url)

    def rotate_webhook_secret(self, *, tenant: str) -> str:
        """A new webhook secret for the tenant; the previous one stops signing at once."""
        self._tenants.ensure(tenant)
        return self._tenants.rotate_secret(tenant)
