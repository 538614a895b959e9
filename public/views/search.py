from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.views.generic import TemplateView

import caching
from articles import keys, search
from public import cards, pagination
from public.views.mixins import PublicViewMixin


class SearchView(PublicViewMixin, TemplateView):
    """Full-text search over live stories (articles.search), newest first.

    A page reads one match more than it shows, to know whether an older
    page follows; nothing counts the matches. Results are the stories'
    stored cards (public.cards) with a snippet around the first match."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        caching.shows(keys.SEARCH)
        query = self.request.GET.get("q", "")
        words = search.terms(query)
        number = pagination.page_number(self.request.GET.get("page"))
        size = settings.NEWSROOM_PAGE_SIZE
        ids = search.search(query, start=(number - 1) * size, count=size + 1)
        if number > 1 and not ids:
            raise Http404("No such page.")
        more = len(ids) > size and number < pagination.MAX_PAGES
        # Each result is the story's stored card, and the words around the
        # first match.
        shown = cards.cards(cards.current(ids[:size]), "compact")
        page = pagination.ProbedPage(number, shown, more)
        return super().get_context_data(
            snippets=search.snippets([card.pk for card in shown], words),
            articles=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            query=query[:200],
            words=words,
            filter_query=urlencode({"q": query[:200]}) if words else "",
            **kwargs,
        )
