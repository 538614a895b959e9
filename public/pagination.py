"""Pages of a story list that never count: each reads one row more than it
shows, and that row says whether an older page follows."""

from dataclasses import dataclass

from django.http import Http404

#: Readers page back this far at most; past it they search.
MAX_PAGES = 50


@dataclass
class ProbedPage:
    """A page, asked as Django's paginator pages are."""

    number: int
    object_list: list
    #: An older page follows.
    more: bool

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self.more

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def page_number(value):
    """A `?page=` value as a page number; anything else is a 404."""
    try:
        number = int(value or 1)
    except (TypeError, ValueError):
        raise Http404("No such page.") from None
    if not 1 <= number <= MAX_PAGES:
        raise Http404("No such page.")
    return number


def probe(queryset, number, per_page):
    """Page `number` of `queryset` (already ordered). A page past the last
    one is a 404; the first page may be empty."""
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    more = len(rows) > per_page and number < MAX_PAGES
    return ProbedPage(number, rows[:per_page], more)
