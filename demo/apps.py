from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom: `manage.py load_demo` and its content files."""

    name = "demo"
    verbose_name = "Demo newsroom"
