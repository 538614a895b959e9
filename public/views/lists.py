"""Lists of live stories: all, filtered, and the tag, section and author pages."""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import ListView, TemplateView
from taggit.models import Tag

import caching
from articles import keys
from articles.models import Author, Credit, Section, TagRedirect
from public import cards, pagination, structured_data
from public.filters import StoryFilters, credited_roles
from public.views.mixins import PublicViewMixin


class StoryListView(PublicViewMixin, TemplateView):
    """All live stories, newest first; `?tag=`, `?author=`, `?section=` combine.

    A page reads the ids and card versions of its stories, and one more row
    to know whether an older page follows (public.pagination), then puts
    their stored cards together (public.cards).
    """

    template_name = "articles/article_list.html"

    def get(self, request, *args, **kwargs):
        self.filters = self.get_filters()
        response = super().get(request, *args, **kwargs)
        if self.filters.problems:
            response.status_code = 404
        return response

    def get_filters(self):
        return StoryFilters.from_query(self.request.GET)

    def list_keys(self):
        """The content keys of the list this page shows: a story joins or
        leaves a filtered list only through a change that purges the list of
        each of its tags, authors and section, so a filtered page is not
        renewed by every story published elsewhere."""
        return self.filters.content_keys() or [keys.STORIES]

    def get_page(self):
        """The page's stories as (id, card version) rows.

        A list narrowed by tags or an author is read from their tables with
        the live rule checked per story: a query that costs more to build
        than to run. Which stories are on such a page is kept until the list
        changes (its keys are purged); an edit of a story on it changes its
        card, not the list, so its card versions are read each time.
        """
        number = pagination.page_number(self.request.GET.get("page"))
        list_keys = self.list_keys()
        caching.shows(*list_keys)
        if self.filters.problems:
            return pagination.ProbedPage(number, [], more=False)
        if not (self.filters.tags or self.filters.author):
            rows = self.filters.rows()
            return pagination.probe(rows, number, settings.NEWSROOM_PAGE_SIZE)
        name = f"{type(self).__name__}:{self.filters.query_string()}:{number}"
        digest = hashlib.sha256(name.encode()).hexdigest()
        ids, more = caching.remember(
            f"list-ids:{digest}", lambda: self.page_ids(number), list_keys
        )
        return pagination.ProbedPage(number, cards.current(ids), more)

    def page_ids(self, number):
        rows = self.filters.rows()
        page = pagination.probe(rows, number, settings.NEWSROOM_PAGE_SIZE)
        return [pk for pk, _ in page.object_list], page.more

    def get_context_data(self, **kwargs):
        page = self.get_page()
        page.object_list = cards.cards(page.object_list)
        query = self.filters.query_string()
        return super().get_context_data(
            articles=page.object_list,
            page_obj=page,
            is_paginated=page.has_other_pages(),
            filters=self.filters,
            filter_query=query,
            canonical_query=self.canonical_query(query, page),
            title=self.get_title(),
            **kwargs,
        )

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

    def list_keys(self):
        return self.filters.content_keys()

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

    def get_page(self):
        page = super().get_page()
        # A tag only drafts use is not public: its page does not exist yet.
        if not page.object_list:
            raise Http404("No live stories carry this tag.")
        return page

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
    """A person's bylines, or with ?role= the stories they are credited on
    in that role ("Photos"); the roles they hold are listed to choose from."""

    template_name = "articles/author_detail.html"

    def get_filters(self):
        author = get_object_or_404(Author, slug=self.kwargs["slug"])
        problems = []
        role = StoryFilters.role_from(self.request.GET, author, problems)
        return StoryFilters(author=author, role=role, problems=problems)

    def get_title(self):
        if self.filters.role:
            role = Credit.Role(self.filters.role).label
            return f"{self.filters.author.name}: {role}"
        return self.filters.author.name

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        author, role = self.filters.author, self.filters.role
        context["json_ld"] = structured_data.profile_page(author, self.request)
        context["credited_roles"] = [
            (value, Credit.Role(value).label, stories)
            for value, stories in credited_roles(author).items()
        ]
        context["role_label"] = Credit.Role(role).label if role else ""
        page = context["page_obj"]
        query = [f"role={role}"] if role else []
        query += [f"page={page.number}"] if page.number > 1 else []
        context["canonical_query"] = "&".join(query)
        return context


class AuthorListView(PublicViewMixin, ListView):
    template_name = "articles/author_list.html"
    context_object_name = "authors"
    paginate_by = 100

    def get_queryset(self):
        caching.shows(keys.AUTHORS)
        return Author.objects.with_live_story_counts().order_by("name")


def follow_tag_redirects(view):
    """A tag's old addresses (renamed, or merged into another) answer 301 to
    the same page of the tag it became; a deleted tag's answer 404."""

    @wraps(view)
    def wrapped(request, *args, slug, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            moved = TagRedirect.objects.filter(old_slug=slug).select_related("tag")
            moved = moved.first()
            if moved is None:
                raise
            url = reverse(request.resolver_match.view_name, args=[moved.tag.slug])
            caching.shows(keys.record(moved.tag), caching.MISSING)
            return HttpResponsePermanentRedirect(url)

    return wrapped
