"""Shared fixtures. Records and helpers for the core tests live in core_helpers.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import settings

from core_helpers import TODAY, invoke, nato_tables
from summits import dates, store

# No per-example deadline: CI machines are noisy, and a first example that pays for
# a lazy import (dateutil, rich) must not fail a property as "flaky timing".
settings.register_profile("summits", deadline=None)
settings.load_profile("summits")


@pytest.fixture(autouse=True)
def _no_ambient_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads the developer's database, colour or debug settings."""
    for name in ("SUMMITS_DB", "NO_COLOR", "FORCE_COLOR", "SUMMITS_DEBUG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test its own digest cache, never the developer's ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "summits"


@pytest.fixture
def core_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixed terminal width and a fixed today (2025-06-30), for exact output."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "summits.json"
    store.create(path)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A small NATO database with fixed ids (see core_helpers)."""
    path = tmp_path / "summits.json"
    store.create(path, nato_tables())
    return path


Run = Callable[..., Result]


@pytest.fixture
def run(db: Path) -> Run:
    """Run ``summits --db <db> ARGS`` on the NATO database."""
    return lambda *args, **kwargs: invoke(db, *args, **kwargs)
