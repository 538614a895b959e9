from . import articles, audit, devices, library, tags

__all__ = ["articles", "audit", "devices", "library", "tags"]
