from urllib.parse import urlencode

from django.conf import settings
from django.views.generic import ListView

import caching
from articles import keys, search
from public.views.mixins import PublicViewMixin


class SearchView(PublicViewMixin, ListView):
    """Full-text search over live stories (articles.search), best match first."""

    template_name = "articles/search.html"
    context_object_name = "articles"

    def get_paginate_by(self, queryset):
        return settings.NEWSROOM_PAGE_SIZE

    def get_queryset(self):
        caching.shows(keys.SEARCH)
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
