"""Public reading site. Every view selects stories through `live()`."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Count, F, OuterRef, Prefetch, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from articles import preview, search, structured_data
from articles.filters import StoryFilters
from articles.models import Article, Author, Correction, Section, SlugRedirect
from articles.models.articles import bylines_prefetch
from articles.pagination import CappedPaginator
from articles.top_stories import top_stories

#: How many of the newest live stories the home page groups by section.
HOME_RECENT_WINDOW = 500
HOME_PER_SECTION = 4
#: The home page shows the first sections (by position); all are in the nav.
HOME_SECTIONS = 8


class PublicViewMixin:
    """Read-only pages: GET and HEAD only (anything else is 405).

    They change nothing and set no cookie, so CSRF protection has nothing to
    protect; exempting them lets a POST get its honest 405 instead of a 403.
    """

    http_method_names = ["get", "head", "options"]

    @method_decorator(csrf_exempt)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)


class HomeView(PublicViewMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
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


class StoryListView(PublicViewMixin, ListView):
    """All live stories, newest first; `?tag=`, `?author=`, `?section=` combine."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    paginator_class = CappedPaginator

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.filters = self.get_filters()
        response = super().get(request, *args, **kwargs)
        if self.filters.problems:
            response.status_code = 404
        return response

    def get_filters(self):
        return StoryFilters.from_query(self.request.GET)

    def get_queryset(self):
        if self.filters.problems:
            return Article.objects.none()
        stories = self.filters.apply(Article.objects.live())
        return stories.for_cards().order_by("-publish_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.filters.query_string()
        page = context["page_obj"]
        context.update(
            filters=self.filters,
            filter_query=query,
            canonical_query=self.canonical_query(query, page),
            title=self.get_title(),
        )
        return context

    @staticmethod
    def canonical_query(query, page):
        if page and page.number > 1:
            return f"{query}&page={page.number}" if query else f"page={page.number}"
        return query

    def get_title(self):
        parts = [tag.name for tag in self.filters.tags]
        if self.filters.author:
            parts.append(self.filters.author.name)
        if self.filters.section:
            parts.append(self.filters.section.name)
        return "Stories: " + ", ".join(parts) if parts else "All stories"


class FixedFilterListView(StoryListView):
    """A story list whose one filter comes from the URL; query filters ignored."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fixed"] = True
        page = context["page_obj"]
        context["canonical_query"] = f"page={page.number}" if page.number > 1 else ""
        return context


class TagView(FixedFilterListView):
    template_name = "articles/tag_detail.html"

    def get_filters(self):
        tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return StoryFilters(tags=[tag])

    def get_queryset(self):
        stories = super().get_queryset()
        # A tag only drafts use is not public: its page does not exist yet.
        if not stories.exists():
            raise Http404("No live stories carry this tag.")
        return stories

    def get_title(self):
        return f"Tag: {self.filters.tags[0].name}"


class SectionView(FixedFilterListView):
    template_name = "articles/section_detail.html"

    def get_filters(self):
        return StoryFilters(
            section=get_object_or_404(Section, slug=self.kwargs["slug"])
        )

    def get_title(self):
        return self.filters.section.name


class AuthorView(FixedFilterListView):
    template_name = "articles/author_detail.html"

    def get_filters(self):
        return StoryFilters(author=get_object_or_404(Author, slug=self.kwargs["slug"]))

    def get_title(self):
        return self.filters.author.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["json_ld"] = structured_data.profile_page(
            self.filters.author, self.request
        )
        return context


class AuthorListView(PublicViewMixin, ListView):
    template_name = "articles/author_list.html"
    context_object_name = "authors"
    paginate_by = 100

    def get_queryset(self):
        live_count = (
            Article.objects.live()
            .filter(bylines__author=OuterRef("pk"))
            .order_by()
            .values("bylines__author")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return Author.objects.annotate(story_count=Subquery(live_count)).order_by(
            "name"
        )


def with_story_parts(stories):
    """Everything the story page shows, in a fixed number of queries."""
    return stories.for_cards().prefetch_related(
        "citations",
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at")),
    )


class ArticleDetailView(PublicViewMixin, DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved_or_gone = self.moved_or_gone(kwargs["slug"])
            if moved_or_gone is None:
                raise
            return moved_or_gone

    def moved_or_gone(self, slug):
        """301 to a live story's new address; 410 for a withdrawn story."""
        story = Article.objects.filter(slug=slug)
        redirect = SlugRedirect.objects.filter(old_slug=slug).first()
        if redirect is not None:
            story = Article.objects.filter(pk=redirect.article_id)
            target = story.live().first()
            if target is not None:
                return HttpResponsePermanentRedirect(target.get_absolute_url())
        if story.gone().exists():
            return render(self.request, "410.html", status=410)
        return None

    def get_queryset(self):
        return with_story_parts(Article.objects.live())

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            top_stories=top_stories(exclude=self.object),
            json_ld=structured_data.news_article(self.object, self.request),
            **kwargs,
        )


class PreviewView(ArticleDetailView):
    """A story in any state, exactly as its public page, for a valid token.

    Never indexed, never cached by shared caches; a forged, expired or
    other-story token is a plain 404.
    """

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_queryset(self):
        return with_story_parts(Article.objects.all())

    def get_object(self, queryset=None):
        if not preview.token_is_valid(self.kwargs["token"], self.kwargs["pk"]):
            raise Http404("No such preview.")
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        return super().get_context_data(preview=True, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_private(response)


def mark_private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


class SearchView(PublicViewMixin, ListView):
    """Full-text search over live stories (articles.search), best match first."""

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")
        self.words = search.terms(self.query)
        return search.search(self.query)

    def paginate_queryset(self, queryset, page_size):
        paginator, page, ids, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        page.object_list = search.load(list(ids))
        return paginator, page, page.object_list, is_paginated

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for article in context["articles"]:
            article.snippet = search.highlight(
                article.dek + " " + article.body, self.words
            )
            article.marked_headline = search.highlight(
                article.headline, self.words, 400
            )
        context.update(
            query=self.query[:200],
            words=self.words,
            filter_query=urlencode({"q": self.query[:200]}) if self.words else "",
        )
        return context


def robots_txt(request):
    """Crawlers: everything public, nothing under /admin/ or /preview/."""
    base = f"{request.scheme}://{request.get_host()}"
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /preview/",
        f"Sitemap: {base}{reverse('sitemap-index')}",
        f"Sitemap: {base}{reverse('news-sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def healthz(request):
    """Liveness for the load balancer: the database and the cache answer."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except DatabaseError:
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 10)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:  # any cache backend failure means "not healthy"
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(checks, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
