"""What a save writes besides the story's own row: bylines, tags, sources,
credits, pinned related stories and the gallery (SaveEdit, RestoreRevision)."""

from dataclasses import dataclass

from articles.actions.base import clean
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Credit,
    GalleryPhoto,
    Photo,
    RelatedStory,
)


@dataclass
class StoryParts:
    """A story's bylines (author ids, in order), tags, sources (dicts of
    Citation fields, in order) and credits (dicts of "role" and "author" (an
    id) or "name", in order); None leaves that part as it is."""

    bylines: list | None = None
    tags: list | None = None
    citations: list | None = None
    credits: list | None = None
    #: Ids of the stories an editor pinned under this one, in order.
    related: list | None = None
    #: The gallery: dicts of "photo" (an id) and its "caption" and "credit"
    #: for this story, in order.
    gallery: list | None = None

    @classmethod
    def from_snapshot(cls, snap):
        """The parts a revision recorded, minus authors deleted since."""
        credits = snap.get("credits", [])  # revisions older than credits
        pinned = [related["story"] for related in snap.get("related", [])]
        photos = set(
            Photo.objects.filter(
                pk__in=[item["photo"] for item in snap.get("gallery", [])]
            ).values_list("pk", flat=True)
        )
        still_there = set(
            Article.objects.filter(pk__in=pinned).values_list("pk", flat=True)
        )
        wanted = [byline["author"] for byline in snap["bylines"]]
        wanted += [credit["author"] for credit in credits if credit["author"]]
        existing = set(
            Author.objects.filter(pk__in=wanted).values_list("pk", flat=True)
        )
        return cls(
            bylines=[
                byline["author"]
                for byline in snap["bylines"]
                if byline["author"] in existing
            ],
            tags=snap["tags"],
            citations=snap["citations"],
            related=[pk for pk in pinned if pk in still_there],
            gallery=[
                {key: item[key] for key in ("photo", "caption", "credit")}
                for item in snap.get("gallery", [])
                if item["photo"] in photos
            ],
            # A credited profile deleted since comes back as its name.
            credits=[
                {"role": c["role"], "author": c["author"], "name": c["name"]}
                if c["author"] is None or c["author"] in existing
                else {"role": c["role"], "author": None, "name": c["author_name"]}
                for c in credits
            ],
        )

    def write(self, article):
        if self.bylines is not None:
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                Byline(
                    article=article, author_id=getattr(author, "pk", author), position=n
                )
                for n, author in enumerate(self.bylines)
            )
        if self.tags is not None:
            article.tags.set(list(self.tags))
        if self.credits is not None:
            article.credits.all().delete()
            for position, fields in enumerate(self.credits):
                author = fields.get("author")
                credit = Credit(
                    article=article,
                    position=position,
                    role=fields["role"],
                    author_id=getattr(author, "pk", author),
                    name=fields.get("name", ""),
                )
                clean(credit)
                credit.save()
        if self.gallery is not None:
            article.gallery.all().delete()
            for position, fields in enumerate(self.gallery):
                item = GalleryPhoto(
                    article=article,
                    position=position,
                    photo_id=getattr(fields["photo"], "pk", fields["photo"]),
                    caption=fields.get("caption", ""),
                    credit=fields.get("credit", ""),
                )
                clean(item)
                item.save()
        if self.related is not None:
            article.pinned_related.all().delete()
            RelatedStory.objects.bulk_create(
                RelatedStory(article=article, related_id=pk, position=n)
                for n, pk in enumerate(self.related)
                if pk != article.pk
            )
        if self.citations is not None:
            article.citations.all().delete()
            for position, fields in enumerate(self.citations):
                citation = Citation(article=article, position=position, **fields)
                clean(citation)
                citation.save()
