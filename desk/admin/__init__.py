"""The desk's model admins, registered on the newsroom's admin site."""

from desk.admin import audit, devices, library, newsletters, stories, tags, users

__all__ = ["audit", "devices", "library", "newsletters", "stories", "tags", "users"]
