"""The front page: Top Stories, then the latest stories of each section."""

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.views.generic import TemplateView

from articles import caching
from articles.caching import keys
from articles.models import Article, Section
from articles.models.queries import bylines_prefetch
from articles.top_stories import top_stories
from articles.views.mixins import PublicViewMixin

#: How many of the newest live stories the home page groups by section.
HOME_RECENT_WINDOW = 500
HOME_PER_SECTION = 4
#: The home page shows the first sections (by position); all are in the nav.
HOME_SECTIONS = 8


class HomeView(PublicViewMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        caching.tag(keys.HOME)
        top = top_stories()
        recent_ids = (
            Article.objects.live()
            .order_by("-publish_at", "-pk")
            .values("pk")[:HOME_RECENT_WINDOW]
        )
        sections = Section.objects.order_by("position", "name").values("pk")
        ranked = (
            Article.objects.filter(
                pk__in=recent_ids, section__in=sections[:HOME_SECTIONS]
            )
            .exclude(pk__in=[story.pk for story in top])
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("section"),
                    order_by=[F("publish_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=HOME_PER_SECTION)
            .select_related("section", "lead_photo")
            .prefetch_related(bylines_prefetch())
            .order_by("section__position", "section__name", "rank")
        )
        by_section = {}
        for story in ranked:
            by_section.setdefault(story.section, []).append(story)
        return super().get_context_data(
            top_stories=top,
            lead=top[0] if top else None,
            by_section=list(by_section.items()),
            **kwargs,
        )
