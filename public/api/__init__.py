"""The read API (public.api.v1), with its routes (public.api.endpoints)."""

from public.api.endpoints import api

__all__ = ["api"]
