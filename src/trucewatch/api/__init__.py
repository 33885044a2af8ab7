"""REST API and dashboard (FastAPI)."""

from __future__ import annotations

from trucewatch.api.app import create_app

__all__ = ["create_app"]
