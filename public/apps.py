from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "public"
    verbose_name = "Public site"

    def ready(self):
        from articles.signals import cards_changed
        from public import cards

        cards_changed.connect(cards.prepare, dispatch_uid="public.cards.prepare")
