"""Changes to the newsroom's tags: create, rename, merge, delete. Each
re-indexes the stories whose searchable text moves, gives new card versions
to the stories whose cards show the tag, and touches the keys of every page
showing it."""

from django.utils.text import slugify
from taggit.models import Tag

import caching
from articles import keys, permissions
from articles.actions.base import Action, ActionError
from articles.models import Article, TaggedArticle, TagRedirect


def _tagged(tags):
    """Ids of the stories carrying any of `tags`."""
    return set(
        TaggedArticle.objects.filter(tag__in=tags).values_list(
            "content_object", flat=True
        )
    )


class TagAction(Action):
    denied = "Only editors manage tags."

    def permits(self, user):
        return permissions.can_manage(user, Tag, "change")

    def subject(self):
        return getattr(self, "tag", None)

    def touch(self, change, tags, stories):
        """Every page showing these tags, and their lists; search finds their
        stories by the new names."""
        change.reindex(stories)
        change.recard(stories)
        change.touch(keys.SEARCH, keys.SITEMAPS, caching.MISSING)
        for tag in tags:
            change.touch(keys.record(tag), keys.listing("tag", tag.pk))
        change.touch(*(keys.story(pk) for pk in stories))


class SaveTag(TagAction):
    """Create a tag, or rename one (name and slug). A renamed tag's old
    address answers 301 to the new one, as a merged tag's addresses do.

    `tag` may carry the new values already (an admin form's instance); the
    stored slug is read again in the transaction."""

    name, label = "save_tag", "Save tag"

    def __init__(self, tag, *, name=None, slug=None):
        super().__init__()
        self.tag = tag
        self.new_name = " ".join((tag.name if name is None else name).split())
        self.new_slug = (slug if slug is not None else tag.slug) or slugify(
            self.new_name, allow_unicode=True
        )
        self.old_slug = None

    def permits(self, user):
        action = "add" if self.tag.pk is None else "change"
        return permissions.can_manage(user, Tag, action)

    def prepare(self):
        if self.tag.pk is not None:
            self.old_slug = Tag.objects.get(pk=self.tag.pk).slug

    def validate(self):
        if not self.new_name or not self.new_slug:
            raise ActionError("A tag needs a name with at least one letter or digit.")
        others = Tag.objects.exclude(pk=self.tag.pk)
        clash = (
            others.filter(name__iexact=self.new_name).first()
            or others.filter(slug=self.new_slug).first()
        )
        if clash is not None:
            raise ActionError(
                f"A tag called “{clash.name}” exists already: merge the two instead."
            )

    def perform(self, change):
        tag = self.tag
        tag.name, tag.slug = self.new_name, self.new_slug
        tag.save()
        TagRedirect.objects.filter(old_slug=tag.slug).delete()
        if self.old_slug not in (None, tag.slug):
            TagRedirect.objects.update_or_create(
                old_slug=self.old_slug, defaults={"tag": tag}
            )
        self.touch(change, [tag], _tagged([tag]))
        return tag


class MergeTags(TagAction):
    """Fold `tags` into `into`: their stories carry `into` instead, they are
    deleted, and their addresses answer 301 to `into`'s page."""

    name, label = "merge_tags", "Merge tags"

    def __init__(self, tags, *, into):
        super().__init__()
        self.into = into
        self.tags = [tag for tag in tags if tag.pk != into.pk]

    def permits(self, user):
        return super().permits(user) and permissions.can_manage(user, Tag, "delete")

    def subject(self):
        return self.into

    def details(self):
        return {"merged": sorted(tag.name for tag in self.tags)}

    def validate(self):
        if not self.tags:
            raise ActionError("Choose at least one other tag to merge.")

    def perform(self, change):
        stories = _tagged(self.tags)
        already = _tagged([self.into])
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object_id=pk, tag=self.into)
            for pk in stories - already
        )
        Article.objects.filter(pk__in=stories - already).copy_publish_at()
        for tag in self.tags:
            TagRedirect.objects.filter(tag=tag).update(tag=self.into)
            TagRedirect.objects.update_or_create(
                old_slug=tag.slug, defaults={"tag": self.into}
            )
        self.touch(change, [*self.tags, self.into], stories)
        Tag.objects.filter(pk__in=[tag.pk for tag in self.tags]).delete()
        return self.into


class DeleteTag(TagAction):
    """Take a tag off every story and delete it; its address answers 404."""

    name, label = "delete_tag", "Delete tag"

    def __init__(self, tag):
        super().__init__()
        self.tag = tag

    def permits(self, user):
        return permissions.can_manage(user, Tag, "delete")

    def perform(self, change):
        self.touch(change, [self.tag], _tagged([self.tag]))
        self.tag.delete()
