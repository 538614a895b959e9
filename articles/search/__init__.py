"""Full-text search over live stories, one interface for every database.

The index holds each story's headline, dek, body text, tags and author names
and is kept by the commit step (articles.actions.commit), which calls `index`
after every change a reader could search for. Queries are reduced to plain
words before they reach the database, so no search syntax (quotes, `*`,
`NEAR`, `%`, `_`, NUL) can change the query; results are filtered through
`Article.objects.live()`. The database's own work lives in one backend class
per vendor (articles.search.backends).
"""

from articles.search.queries import (
    backend,
    highlight,
    index,
    rebuild,
    remove,
    search,
    snippets,
    terms,
)

__all__ = [
    "backend",
    "highlight",
    "index",
    "rebuild",
    "remove",
    "search",
    "snippets",
    "terms",
]
