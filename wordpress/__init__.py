"""Importing a WordPress export (WXR) through the newsroom's actions:
`manage.py import_wxr` (wordpress.importer plans and applies it)."""
