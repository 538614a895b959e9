"""A story's page, its preview for staff, and what both show."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.views.generic import TemplateView

import caching
from articles import keys, preview
from articles.models import Article, SlugRedirect
from public import pagination, story_pages
from public.views.mixins import PublicViewMixin


class StoryPageView(PublicViewMixin, TemplateView):
    """A story's page: its own parts (public.story_pages), and the Top
    Stories feed under it (a shared fragment, public.fragments)."""

    template_name = "articles/article_detail.html"

    def get_context_data(self, **kwargs):
        story = self.get_story()
        caching.shows(*story.keys)
        return super().get_context_data(story=story, **kwargs)


class StoryDetailView(StoryPageView):
    """A live story; a moved one answers 301, a withdrawn one 410."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved_or_gone = self.moved_or_gone(kwargs["slug"])
            if moved_or_gone is None:
                raise
            return moved_or_gone

    def get_story(self):
        """The story's parts as stored for its versions, read by its slug; a
        live story's older updates (?updates=2) rendered each time."""
        story = Article.objects.filter(slug=self.kwargs["slug"]).live()
        row = story.values(*story_pages.FIELDS).first()
        if row is None:
            raise Http404("No such story.")
        page = pagination.page_number(self.request.GET.get("updates"))
        if page > 1:
            story = story_pages.with_story_parts(story.filter(live_coverage=True))
            story = story.first()
            if story is None:  # only a live story has older updates
                raise Http404("No such page.")
            return story_pages.render(story, self.request, updates_page=page)
        return story_pages.stored(row, self.request)

    def moved_or_gone(self, slug):
        """301 to a live story's new address; 410 for a withdrawn story."""
        story = Article.objects.filter(slug=slug)
        redirect = SlugRedirect.objects.filter(old_slug=slug).first()
        if redirect is not None:
            story = Article.objects.filter(pk=redirect.article_id)
            target = story.live().first()
            if target is not None:
                caching.shows(keys.story(target.pk), caching.MISSING)
                return HttpResponsePermanentRedirect(target.get_absolute_url())
        gone = story.gone().values_list("pk", flat=True).first()
        if gone is not None:
            caching.shows(keys.story(gone))
            return render(self.request, "410.html", status=410)
        return None


class PreviewView(StoryPageView):
    """A story in any state, exactly as its public page, for a valid token.

    Never indexed, never cached by shared caches; a forged, expired or
    other-story token is a plain 404. Rendered afresh each time.
    """

    def get_story(self):
        if not preview.token_is_valid(self.kwargs["token"], self.kwargs["pk"]):
            raise Http404("No such preview.")
        stories = story_pages.with_story_parts(Article.objects.all())
        self.article = get_object_or_404(stories, pk=self.kwargs["pk"])
        return story_pages.render(self.article, self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(preview=True, **kwargs)
        context["article"] = self.article  # the preview banner names its state
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        return mark_private(response)


def mark_private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
