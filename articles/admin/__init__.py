from . import articles, library, tags

__all__ = ["articles", "library", "tags"]
