"""Shared test set-up: every test starts with no CIIE_QA_* settings from the environment."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

# The same generated examples on every run: CI must be deterministic; explore locally with
# `pytest --hypothesis-profile=explore`.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _clear_ciie_qa_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CIIE_QA_"):
            monkeypatch.delenv(name)
