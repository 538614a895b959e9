"""Pagination that never counts a hundred thousand rows."""

from functools import cached_property

from django.core.paginator import Paginator

#: Readers page back this far at most; a count stops here.
MAX_PAGES = 50


class CappedPaginator(Paginator):
    """Counts at most MAX_PAGES pages' worth of stories.

    An exact COUNT(*) over every live story of a busy tag or section costs
    more than the rest of the page; past fifty pages readers search instead.
    `is_capped` tells the template to say "1,000+".
    """

    @cached_property
    def cap(self):
        return self.per_page * MAX_PAGES

    @cached_property
    def counted(self):
        """Matching stories, counted up to one past the cap."""
        if isinstance(self.object_list, list):
            return len(self.object_list)
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, self.cap)

    @property
    def is_capped(self):
        return self.counted > self.cap
