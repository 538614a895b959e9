"""Bringing a WordPress site's posts in (`manage.py import_wxr`).

Each post becomes a story through the newsroom's own actions (SaveEdit,
then Publish, Schedule or Submit as its WordPress status says), so it is
revised, indexed and purged like any other; its images come into the photo
library (wordpress.images) and its markup becomes the body's elements
(wordpress.blocks). A post or attachment imported once is recorded
(ImportedItem): running the same export again changes nothing.

`run()` reads the export a post at a time (memory does not grow with the
file) and imports each in a transaction of its own. A dry run does exactly
the same and rolls each transaction back (deleting the files it made), so
it reports what a real run would do, "cannot publish" included.
"""

from dataclasses import dataclass, field
from html import unescape

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from articles import actions, signals
from articles.models import Article, SlugRedirect
from articles.text import plain
from wordpress import filing, html
from wordpress.images import Images, title
from wordpress.models import ImportedItem
from wordpress.wxr import ExportError, read

__all__ = ["ExportError", "Report", "run"]

SKIPPED_STATUSES = {"private", "trash", "auto-draft", "inherit"}
SLUG_LENGTH = Article._meta.get_field("slug").max_length
DEK_LENGTH = Article._meta.get_field("dek").max_length


@dataclass
class Line:
    outcome: str  # created, unchanged, skipped, renamed, cleaned, missing, ...
    subject: str
    detail: str = ""

    def __str__(self):
        return f"{self.outcome:<10} {self.subject}" + (
            f": {self.detail}" if self.detail else ""
        )


@dataclass
class Report:
    export: object
    dry_run: bool = False
    #: Posts read from the export.
    posts: int = 0
    lines: list = field(default_factory=list)
    #: Photos made or found in this run, by attachment id or uploads path.
    photos: dict = field(default_factory=dict)

    def note(self, outcome, subject, detail=""):
        self.lines.append(Line(outcome, subject, detail))

    def count(self, outcome):
        return sum(1 for line in self.lines if line.outcome == outcome)


def _free_slug(wanted, taken):
    base = (wanted or "story")[:SLUG_LENGTH]
    slug, n = base, 2
    while (
        slug in taken
        or Article.objects.filter(slug=slug).exists()
        or SlugRedirect.objects.filter(old_slug=slug).exists()  # another's old one
    ):
        suffix = f"-{n}"
        slug, n = base[: SLUG_LENGTH - len(suffix)] + suffix, n + 1
    return slug


def run(path, *, uploads=None, by=None, dry_run=False):
    """Import the export at `path` post by post (`by` imports them), or
    report what that would do (`dry_run`, which writes nothing)."""
    export = read(path)
    report = Report(export, dry_run=dry_run)
    images = Images(report, uploads)
    for problem in export.problems:
        report.note("skipped", problem)
    done = set(
        ImportedItem.objects.filter(
            source=export.site, kind=ImportedItem.Kind.POST
        ).values_list("wp_id", flat=True)
    )
    taken = set()
    with signals.no_cards_ahead():  # an archive: lists render its cards
        for post in export.posts():
            report.posts += 1
            name = f"post {post.wp_id} “{title(post.title)}”"
            if post.wp_id in done:
                report.note("unchanged", name, "imported before")
                continue
            if post.status in SKIPPED_STATUSES or not post.status:
                report.note("skipped", name, f"WordPress status “{post.status}”")
                continue
            wanted = slugify(unescape(post.slug)) or slugify(title(post.title))
            slug = _free_slug(wanted or f"wp-{post.wp_id}", taken)
            taken.add(slug)
            if wanted and slug != wanted[:SLUG_LENGTH]:
                report.note("renamed", name, f"slug “{wanted}” is taken: “{slug}”")
            _one_post(report, images, post, name, slug, by)
    return report


class _DryRun(Exception):
    """Rolls a dry run's post back once it is done."""


def _one_post(report, images, post, name, slug, by):
    outcome = None
    try:
        with transaction.atomic():
            outcome = _import(report, images, post, name, slug, by)
            if report.dry_run:
                raise _DryRun
    except _DryRun:
        images.forget_made()
    except (actions.ActionError, ValidationError, DatabaseError) as error:
        images.forget_made()  # rolled back: their files go too
        report.note("failed", name, str(error))
        return
    images.made = []
    report.note("create" if report.dry_run else "created", name, outcome)


def _import(report, images, post, name, slug, by):
    export = report.export
    if post.status in ("publish", "future") and post.published is None:
        report.note("draft", name, "WordPress gives it no date: kept as a draft")
    lead = None
    if post.thumbnail is not None:
        lead = images.photo(
            name, attachment=post.thumbnail, by=by, what="featured image"
        )

    def photo_for(*, src, attachment, alt):
        return images.photo(name, attachment=attachment, src=src, alt=alt, by=by)

    body, notes = html.body(post.content, photo_for)
    for note in notes:
        report.note("cleaned", name, note)
    tags, filed = filing.tags(post)
    if filed:
        report.note("filed", name, filed)
    article = Article(
        headline=title(post.title),
        slug=slug,
        dek=Truncator(plain(post.excerpt)).chars(DEK_LENGTH),
        body=body,
        section=filing.section(post, by),
        lead_photo=lead,
    )
    parts = actions.StoryParts(
        bylines=[filing.author(export, post.creator, by)], tags=tags
    )
    actions.SaveEdit(article, parts=parts).execute(by=by)
    ImportedItem.objects.create(
        source=export.site,
        kind=ImportedItem.Kind.POST,
        wp_id=post.wp_id,
        article=article,
    )
    return _release(article, post, by)


def _release(article, post, by):
    """Publish, schedule or submit as WordPress had it; a post that cannot
    go out here stays a draft, and the report says why. A password-protected
    post is never public: a draft, with a note for the editors."""
    at, now = post.published, timezone.now()
    if post.password:
        note = (
            "Password-protected on WordPress: imported as a draft, not "
            "published. Decide whether readers may see it."
        )
        actions.AddNote(article, text=note).execute(by=by)
        return f"{article.slug}, draft: password-protected on WordPress"
    if post.status == "pending":
        actions.Submit(article).execute(by=by)
        return f"{article.slug}, in review"
    if post.status not in ("publish", "future") or at is None:
        return f"{article.slug}, draft"
    problems = actions.publish_problems(article)
    if problems:
        return f"{article.slug}, draft: cannot publish: {'; '.join(problems)}"
    if at <= now:
        actions.Publish(article, at=at).execute(by=by)
        return f"{article.slug}, published {at:%Y-%m-%d}"
    actions.Schedule(article, at=at).execute(by=by)
    return f"{article.slug}, scheduled for {at:%Y-%m-%d %H:%M}"
