from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    """Lists, subscriptions, issues and their sending (DESIGN.md)."""

    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from newsletters import bounces, inbound  # noqa: F401  Anymail's signals
