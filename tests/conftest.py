"""The suite runs on one backend per run, chosen by TEST_BACKEND:

- `embedded` (default): SQLite file + in-process bus, cache, rate limiter and leases;
- `postgres`: PostgreSQL (schema from the aerich migrations) + Redis. If either is not
  reachable the run fails at once: it never silently skips.
"""

from __future__ import annotations

import pytest

pytest_plugins = [
    "tests.fixtures.backend",
    "tests.fixtures.app",
    "tests.fixtures.people",
    "tests.fixtures.fakes",
    "tests.fixtures.telegram",
    "tests.fixtures.stack",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from tests.fixtures.backend import backend_name

    # Tests that only mean something on one backend are not collected on the other
    # (deselected, not skipped: a skip in a run is treated as a failure by .ci/run).
    other = "embedded_only" if backend_name() == "postgres" else "postgres_only"
    kept = [item for item in items if item.get_closest_marker(other) is None]
    deselected = [item for item in items if item.get_closest_marker(other) is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
