"""Shared test set-up: every test starts with no CIIE_QA_* settings from the environment."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _clear_ciie_qa_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CIIE_QA_"):
            monkeypatch.delenv(name)
