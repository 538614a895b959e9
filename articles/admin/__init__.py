from . import articles, audit, library, tags

__all__ = ["articles", "audit", "library", "tags"]
