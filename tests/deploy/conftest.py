"""The scale-out fixtures (a Redis of the test's own, a fresh PostgreSQL database) here too."""

from tests.scaleout.conftest import postgres_url, redis_server

__all__ = ["postgres_url", "redis_server"]
