"""Bringing a WordPress site's posts in (`manage.py import_wxr`).

Each post becomes a story through the newsroom's own actions (SaveEdit,
then Publish, Schedule or Submit as its WordPress status says), so it is
revised, indexed and purged like any other. A post or attachment imported
once is recorded (ImportedItem): running the same export again changes
nothing. `run()` reads the export a post at a time (memory does not grow
with the file) and for each decides its fate without writing (`_plan`,
all a dry run does) and then, on a real run, carries it out in one
transaction (`_apply`).
"""

import hashlib
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

import imaging
from articles import actions
from articles.models import (
    Article,
    Author,
    Photo,
    Section,
    SlugRedirect,
)
from articles.text import plain
from wordpress import html
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
class Step:
    """What one post will become."""

    post: object
    name: str = ""
    slug: str = ""
    body: str = ""
    notes: list = field(default_factory=list)
    image: Path | None = None
    photo: Photo | None = None
    skip: str = ""


@dataclass
class Report:
    export: object
    #: Posts read from the export.
    posts: int = 0
    lines: list = field(default_factory=list)
    #: Photos made in this run, by attachment id (posts may share one).
    photos: dict = field(default_factory=dict)

    def note(self, outcome, subject, detail=""):
        self.lines.append(Line(outcome, subject, detail))

    def count(self, outcome):
        return sum(1 for line in self.lines if line.outcome == outcome)


def _title(text):
    return plain(text)[:200] or "Untitled"


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
    """Import the export at `path` post by post (`by` imports them), or only
    report what would be done (`dry_run`)."""
    export = read(path)
    report = Report(export)
    for problem in export.problems:
        report.note("skipped", problem)
    done = set(
        ImportedItem.objects.filter(
            source=export.site, kind=ImportedItem.Kind.POST
        ).values_list("wp_id", flat=True)
    )
    taken = set()
    for post in export.posts():
        report.posts += 1
        step = _plan(report, post, done, taken, uploads)
        if step.skip:
            continue
        if dry_run:
            report.note("create", step.name, f"as {step.slug} ({post.status})")
        else:
            _apply(report, step, by)
    return report


def _plan(report, post, done, taken, uploads):
    """Decide one post's fate, writing nothing."""
    step = Step(post)
    name = step.name = f"post {post.wp_id} “{_title(post.title)}”"
    if post.wp_id in done:
        step.skip = "unchanged"
        report.note("unchanged", name, "imported before")
        return step
    if post.status in SKIPPED_STATUSES or not post.status:
        step.skip = "skipped"
        report.note("skipped", name, f"WordPress status “{post.status}”")
        return step
    wanted = slugify(unescape(post.slug)) or slugify(_title(post.title))
    step.slug = _free_slug(wanted or f"wp-{post.wp_id}", taken)
    taken.add(step.slug)
    if wanted and step.slug != wanted[:SLUG_LENGTH]:
        report.note("renamed", name, f"slug “{wanted}” is taken: “{step.slug}”")
    if post.status in ("publish", "future") and post.published is None:
        report.note("draft", name, "WordPress gives it no date: kept as a draft")
    step.body, step.notes = html.body(post.content)
    for note in step.notes:
        report.note("cleaned", name, note)
    _plan_image(report, step, name, uploads)
    return step


def _plan_image(report, step, name, uploads):
    post, export = step.post, report.export
    if post.thumbnail is None:
        return
    known = ImportedItem.objects.filter(
        source=export.site, kind=ImportedItem.Kind.ATTACHMENT, wp_id=post.thumbnail
    ).first()
    if known and known.photo:
        step.photo = known.photo
        return
    attachment = export.attachments.get(post.thumbnail)
    if attachment is None or not attachment.file:
        report.note("missing", name, f"featured image {post.thumbnail} not in export")
        return
    base = Path(uploads) if uploads else None
    found = (base / attachment.file).resolve() if base else None
    if found is None or not found.is_relative_to(base.resolve()) or not found.is_file():
        report.note(
            "missing",
            name,
            f"featured image {attachment.file} not in the uploads folder: "
            "imported without a lead photo",
        )
        return
    try:
        with found.open("rb") as handle:
            imaging.clean_upload(File(handle))
    except ValidationError as error:
        report.note("refused", name, f"{attachment.file}: {' '.join(error.messages)}")
        return
    step.image = found


def _apply(report, step, by):
    """Carry one post's plan out, in one transaction."""
    made = []  # files of photos made for this post
    try:
        with transaction.atomic():
            outcome = _import(report, step, by, made)
    except (actions.ActionError, ValidationError, DatabaseError) as error:
        for photo in made:  # rolled back: their files go too
            imaging.delete_renditions(photo.renditions, photo.image.storage)
            photo.image.storage.delete(photo.image.name)
            report.photos.pop(step.post.thumbnail, None)
        report.note("failed", step.name, str(error))
        return
    report.note("created", step.name, outcome)


def _slug(*candidates, length, fallback):
    """The first candidate that makes an ASCII slug, else one made from
    `fallback` (names in other scripts), cut to the column's length."""
    for candidate in candidates:
        slug = slugify(unescape(candidate or ""))[:length].strip("-")
        if slug:
            return slug
    digest = hashlib.sha256(fallback.encode()).hexdigest()[:10]
    return f"wp-{digest}"


def _author(export, login, by):
    person = export.people.get(login)
    display = (person.name if person else login) or "Staff"
    name = unescape(display).strip()[:120]
    slug = _slug(display, login, length=120, fallback=display)
    author = Author.objects.filter(slug=slug).first()
    if author is None:
        author = Author(name=name, slug=slug)
        actions.SaveAuthor(author).execute(by=by)
    return author


def _section(post, by):
    """The first category's section: found by its slug or its name, made
    if neither is here."""
    if not post.categories:
        return None
    nicename, label = post.categories[0]
    name = unescape(label or nicename).strip()[:80]
    slug = _slug(nicename, name, length=80, fallback=name or nicename)
    section = (
        Section.objects.filter(slug=slug).first()
        or Section.objects.filter(name__iexact=name).first()
    )
    if section is None:
        section = Section(slug=slug, name=name or slug)
        actions.SaveSection(section).execute(by=by)
    return section


def _photo(report, step, by, made):
    export = report.export
    attachment = export.attachments[step.post.thumbnail]
    with step.image.open("rb") as handle:
        cleaned = imaging.clean_upload(File(handle))
    photo = Photo(
        alt_text=_title(attachment.alt or attachment.title or step.post.title),
        caption=_title(attachment.caption)[:300] if attachment.caption else "",
        credit=export.title[:120] or "Archive",
    )
    photo.image.save(cleaned.name, cleaned, save=False)
    made.append(photo)
    actions.SavePhoto(photo).execute(by=by)
    report.photos[attachment.wp_id] = photo
    # The record stays when its photo is deleted here: it points anew.
    ImportedItem.objects.update_or_create(
        source=export.site,
        kind=ImportedItem.Kind.ATTACHMENT,
        wp_id=attachment.wp_id,
        defaults={"photo": photo},
    )
    return photo


def _import(report, step, by, made):
    export, post = report.export, step.post
    photo = step.photo or report.photos.get(post.thumbnail)
    if photo is None and step.image:
        photo = _photo(report, step, by, made)
    article = Article(
        headline=_title(post.title),
        slug=step.slug,
        dek=Truncator(plain(post.excerpt)).chars(DEK_LENGTH),
        body=step.body,
        section=_section(post, by),
        lead_photo=photo,
    )
    parts = actions.StoryParts(
        bylines=[_author(export, post.creator, by)],
        tags=[unescape(name)[:100] for _, name in post.tags if name],
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
    go out here (no tags, say) stays a draft, and the report says why."""
    at, now = post.published, timezone.now()
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
