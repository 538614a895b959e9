"""The front page: Top Stories, then the latest stories of each section."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.views.generic import TemplateView

import caching
from articles import keys
from articles.models import Article, Section
from articles.top_stories import top_story_ids
from public import cards
from public.views.mixins import PublicViewMixin

#: How many of the newest live stories the home page groups by section.
HOME_RECENT_WINDOW = 500
HOME_PER_SECTION = 4
#: The home page shows the first sections (by position); all are in the nav.
HOME_SECTIONS = 8
#: What decides which stories the page shows (its cards carry their own keys).
PLAN_KEYS = [keys.HOME, keys.TOP, keys.NAV]


class HomeView(PublicViewMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        caching.shows(*PLAN_KEYS)
        top_ids, sections, section_ids = caching.remember(
            "home-plan", self.plan, PLAN_KEYS
        )
        listed = [pk for pk, _ in section_ids]
        versions = dict(cards.current(top_ids + listed))
        rows = [(pk, versions[pk]) for pk in top_ids[1:] + listed if pk in versions]
        # The lead's card is the large one; the rest, all compact, in one go.
        compact = {card.pk: card for card in cards.cards(rows, "compact")}
        top_cards = cards.cards(
            [(pk, versions[pk]) for pk in top_ids[:1] if pk in versions], "large"
        )
        top_cards += [compact[pk] for pk in top_ids[1:] if pk in compact]
        grouped = {section.pk: [] for section in sections}
        for pk, section in section_ids:
            if pk in compact:
                grouped[section].append(compact[pk])
        return super().get_context_data(
            lead=top_cards[0] if top_cards else None,
            top_stories=top_cards,
            by_section=[(s, grouped[s.pk]) for s in sections if grouped[s.pk]],
            **kwargs,
        )

    @classmethod
    def plan(cls):
        """Which stories the page shows: the Top Stories ids, the sections
        shown and each one's newest (id, section), kept until the feed, the
        sections or the front page's lists change, or the next scheduled
        moment; an edit of a story on it changes its card, not the plan."""
        top_ids = top_story_ids()
        sections = list(Section.objects.order_by("position", "name")[:HOME_SECTIONS])
        rows = cls.by_section(sections, exclude=top_ids)
        return top_ids, sections, [(row["pk"], row["section"]) for row in rows]

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
