"""The front page: Top Stories, then the latest stories of each section."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.views.generic import TemplateView

from articles import caching, cards
from articles.caching import keys
from articles.models import Article, Section
from articles.top_stories import top_story_rows
from articles.views.mixins import PublicViewMixin

#: How many of the newest live stories the home page groups by section.
HOME_RECENT_WINDOW = 500
HOME_PER_SECTION = 4
#: The home page shows the first sections (by position); all are in the nav.
HOME_SECTIONS = 8


class HomeView(PublicViewMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        lead, top_cards, by_section = caching.remember("home", self.stories)
        for card in top_cards:
            caching.tag(*card.keys)
        for _, section_cards in by_section:
            for card in section_cards:
                caching.tag(*card.keys)
        caching.tag(keys.HOME, keys.TOP, keys.NAV)
        return super().get_context_data(
            lead=lead, top_stories=top_cards, by_section=by_section, **kwargs
        )

    @classmethod
    def stories(cls):
        """The page's cards: the lead, Top Stories (with the lead) and each
        section's newest, kept until one of them, the feed, the sections or
        the front page's lists change (the keys recorded here)."""
        caching.tag(keys.HOME, keys.NAV)
        top = top_story_rows()
        sections = list(Section.objects.order_by("position", "name")[:HOME_SECTIONS])
        rows = cls.by_section(sections, exclude=[row["pk"] for row in top])
        # The lead's card is the large one; the rest, all compact, in one go.
        compact = {card.pk: card for card in cards.cards(top[1:] + rows, "compact")}
        top_cards = cards.cards(top[:1], "large")
        top_cards += [compact[row["pk"]] for row in top[1:] if row["pk"] in compact]
        grouped = {section.pk: [] for section in sections}
        for row in rows:
            if row["pk"] in compact:
                grouped[row["section"]].append(compact[row["pk"]])
        by_section = [(s, grouped[s.pk]) for s in sections if grouped[s.pk]]
        return (top_cards[0] if top_cards else None), top_cards, by_section

    @staticmethod
    def by_section(sections, *, exclude):
        """The rows of the newest few stories of each of `sections` that are
        not in Top Stories, newest first within each section."""
        recent_ids = (
            Article.objects.live()
            .order_by("-publish_at", "-pk")
            .values("pk")[:HOME_RECENT_WINDOW]
        )
        ranked = (
            Article.objects.filter(pk__in=recent_ids, section__in=sections)
            .exclude(pk__in=exclude)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section"),
                    order_by=[F("publish_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_PER_SECTION)
            .order_by("rank")
            .values(*cards.FIELDS, "section")
        )
        return list(ranked)
