"""Running manage.py import_wxr in its tests."""

from io import StringIO

from django.core.management import call_command


def run(*args, **options):
    out = StringIO()
    call_command("import_wxr", *args, stdout=out, **options)
    return out.getvalue()
