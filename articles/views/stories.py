"""A story's page, its preview for staff, and what both show."""

from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.generic import DetailView

from articles import caching, preview, structured_data
from articles.caching import keys
from articles.models import Article, Correction, SlugRedirect
from articles.views.mixins import PublicViewMixin


def with_story_parts(stories):
    """Everything the story page shows, in a fixed number of queries."""
    return stories.for_cards().prefetch_related(
        "citations",
        Prefetch("corrections", queryset=Correction.objects.order_by("created_at")),
    )


def story_page_keys(article):
    """What a story's page shows of it: itself, its section, photo, authors
    and tags (from the prefetched parts)."""
    return [
        keys.story(article.pk),
        *keys_of(article.section, article.lead_photo),
        *(keys.record(author) for author in article.authors_in_order),
        *(keys.record(tag) for tag in article.tags.all()),
    ]


def keys_of(*records):
    return [keys.record(record) for record in records if record is not None]


class StoryView(PublicViewMixin, DetailView):
    """A story's page: the story, and the Top Stories feed under it (a shared
    fragment, articles.fragments)."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_context_data(self, **kwargs):
        caching.tag(*story_page_keys(self.object))
        return super().get_context_data(
            json_ld=structured_data.news_article(self.object, self.request),
            **kwargs,
        )


class ArticleDetailView(StoryView):
    """A live story; a moved one answers 301, a withdrawn one 410."""

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
                caching.tag(keys.story(target.pk), keys.MISSING)
                return HttpResponsePermanentRedirect(target.get_absolute_url())
        gone = story.gone().values_list("pk", flat=True).first()
        if gone is not None:
            caching.tag(keys.story(gone))
            return render(self.request, "410.html", status=410)
        return None

    def get_queryset(self):
        return with_story_parts(Article.objects.live())


class PreviewView(StoryView):
    """A story in any state, exactly as its public page, for a valid token.

    Never indexed, never cached by shared caches; a forged, expired or
    other-story token is a plain 404.
    """

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
