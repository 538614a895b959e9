from . import articles, library

__all__ = ["articles", "library"]
