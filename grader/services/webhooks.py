"""Webhook targets: where a submission's webhook goes, signed with which secret, saying what.

The body is the submission as the API shows it, so the API passes in how to render it.
"""

from __future__ import annotations

from collections.abc import Callable

from grader.store.db import SubmissionStore
from grader.store.reviews import Reviewed, ReviewStore
from grader.store.tenants import TenantStore
from grader.webhooks import Target


class WebhookTargets:
    """Finds each submission's webhook target for the dispatcher."""

    def __init__(
        self,
        *,
        store: SubmissionStore,
        tenants: TenantStore,
        reviews: ReviewStore,
        body: Callable[[Reviewed], bytes],
    ) -> None:
        self._store = store
        self._tenants = tenants
        self._reviews = reviews
        self._body = body

    def target(self, submission_id: str) -> Target | None:
        """The submission's own callback URL or else its tenant's; None when it has neither."""
        row = self._store.get(submission_id)
        tenant = self._tenants.find(row.tenant)
        url = row.callback_url or (tenant.callback_url if tenant is not None else None)
        if url is None or tenant is None:
            return None
        body = self._body(self._reviews.reviewed(row))
        return Target(url=url, secret=tenant.webhook_secret, body=body)
