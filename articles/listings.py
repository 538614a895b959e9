"""The public pages that list a story: the first page of each list its card
is on, as readers ask for them (no query).

An ordinary edit renews these in place in the page cache, with the story's
own page (articles.actions.commit, caching.renewal), so that readers of a
busy list get its new copy as a hit, and no reader's request renders it
while the others are served the old one. Pages past the first, and lists
filtered by a query, are purged as before (their next reader renders them,
the others get the old copy for at most NEWSROOM_LAG_SECONDS).
"""

from django.urls import reverse


def first_pages(article):
    """The paths of the first pages listing `article`, busiest first (the
    front page, every story, its section, the latest feed, its tags, its
    authors). Three queries: section, tags, bylines."""
    paths = [reverse("articles:home"), reverse("articles:list")]
    if article.section_id:
        paths.append(article.section.get_absolute_url())
    paths.append(reverse("articles:feed-latest"))
    paths += [
        reverse("articles:tag", kwargs={"slug": slug})
        for slug in article.tags.order_by("name").values_list("slug", flat=True)
    ]
    bylines = article.bylines.select_related("author")
    paths += [byline.author.get_absolute_url() for byline in bylines]
    return paths
