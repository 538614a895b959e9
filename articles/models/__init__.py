from .articles import Article, ArticleQuerySet
from .autosave import Autosave
from .bylines import Byline, TaggedArticle
from .credits import Credit
from .editorial import EditorialNote, Revision
from .embeds import Embed
from .gallery import GalleryPhoto
from .live import LiveUpdate, LiveUpdateRevision
from .people import Author, Section
from .photos import Photo
from .redirects import SlugRedirect, TagRedirect
from .related import RelatedStory
from .search import SearchDocument
from .sources import Citation, Correction
from .top_stories import TopStory

__all__ = [
    "Article",
    "ArticleQuerySet",
    "Author",
    "Autosave",
    "Byline",
    "Citation",
    "Correction",
    "Credit",
    "EditorialNote",
    "Embed",
    "GalleryPhoto",
    "LiveUpdate",
    "LiveUpdateRevision",
    "Photo",
    "RelatedStory",
    "Revision",
    "SearchDocument",
    "Section",
    "SlugRedirect",
    "TagRedirect",
    "TaggedArticle",
    "TopStory",
]
