"""The HTTP service: a JSON API, an OpenAI-compatible chat endpoint and a web chat page."""

from __future__ import annotations

from ciie_qa.service.app import create_app, serve

__all__ = ["create_app", "serve"]
