"""Load the demo newsroom: sections, authors, stories, Top Stories, accounts."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import demo_content as content
from articles import editing, media, search
from articles.demo_images import portrait, scene
from articles.models import (
    Article,
    Author,
    Byline,
    Citation,
    Correction,
    Photo,
    Section,
    TopStory,
)

DEMO_PASSWORD = "newsroom-demo"
ACCOUNTS = [
    # username, role group, superuser, linked author slug
    ("writer", "Writer", False, "olga-nesterova"),
    ("writer2", "Writer", False, None),
    ("editor", "Editor", False, None),
    ("admin", None, True, None),
]


class Command(BaseCommand):
    help = "Create (or refresh) the demo content and demo accounts. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (creates accounts with a known password).",
        )
        parser.add_argument(
            "--photo-width",
            type=int,
            default=1600,
            help="Width of the generated photos in pixels (tests use small ones).",
        )

    def handle(self, *args, force=False, photo_width=1600, **options):
        self.photo_size = (photo_width, photo_width * 5 // 8)
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts with a public password; it refuses to "
                "run with DEBUG off. Use --force if you really mean it."
            )
        with transaction.atomic():
            sections = self.load_sections()
            authors = self.load_authors()
            users = self.load_accounts(authors)
            now = timezone.now()
            stories = {}
            for index, data in enumerate(content.STORIES):
                stories[data["slug"]] = self.load_story(
                    data,
                    sections,
                    authors,
                    status=Article.Status.PUBLISHED,
                    publish_at=now - timedelta(hours=data["hours_ago"]),
                    seed=index,
                    created_by=users["writer"],
                )
            self.load_hidden_stories(sections, authors, users, now)
            self.load_corrections(stories)
            self.load_top_stories(stories)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {len(stories)} published stories, "
                f"{len(authors)} authors. Log in at /admin/ as writer, writer2, "
                f"editor or admin with password “{DEMO_PASSWORD}”."
            )
        )

    def load_sections(self):
        sections = {}
        for position, data in enumerate(content.SECTIONS):
            sections[data["slug"]], _ = Section.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "description": data["description"],
                    "position": position,
                },
            )
        return sections

    def load_authors(self):
        authors = {}
        for data in content.AUTHORS:
            author, _ = Author.objects.update_or_create(
                slug=data["slug"],
                defaults={
                    key: data[key]
                    for key in ["name", "job_title", "bio", "website", "social_handle"]
                },
            )
            if not author.picture:
                author.picture.save(
                    f"{author.slug}.jpg", portrait(author.name, data["color"])
                )
                media.refresh_renditions(author, "picture", "picture_renditions")
            authors[author.slug] = author
        return authors

    def load_accounts(self, authors):
        users = {}
        for username, role, superuser, author_slug in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@newsroom.example"},
            )
            user.is_staff = True
            user.is_superuser = superuser
            if created or not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
            user.save()
            if role:
                user.groups.add(Group.objects.get(name=role))
            if author_slug:
                Author.objects.filter(slug=author_slug).update(user=user)
            users[username] = user
        return users

    def load_photo(self, data, seed):
        photo = Photo.objects.filter(
            alt_text=data["alt"], caption=data["caption"]
        ).first()
        if photo is None:
            photo = Photo(
                alt_text=data["alt"], caption=data["caption"], credit=data["credit"]
            )
            photo.image.save(
                f"demo-{seed}.jpg",
                scene(seed, data["color"], *self.photo_size),
                save=False,
            )
            photo.full_clean()
            photo.save()
            media.refresh_renditions(photo, "image", "renditions")
        return photo

    def load_story(
        self, data, sections, authors, *, status, publish_at, seed, created_by
    ):
        body = "".join(f"<p>{escape(paragraph)}</p>" for paragraph in data["body"])
        article, _ = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "headline": data["headline"],
                "dek": data["dek"],
                "body": body,
                "section": sections[data["section"]],
                "status": status,
                "publish_at": publish_at,
                "first_published_at": publish_at
                if status == Article.Status.PUBLISHED
                else None,
                "lead_photo": self.load_photo(data["photo"], seed),
                "created_by": created_by,
            },
        )
        article.full_clean()
        article.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=position)
            for position, slug in enumerate(data["authors"])
        )
        article.tags.set(data["tags"])
        article.citations.all().delete()
        Citation.objects.bulk_create(
            Citation(article=article, position=position, **citation)
            for position, citation in enumerate(data.get("citations", []))
        )
        if not article.revisions.exists():
            editing.record_edit(article=article, by=created_by, created=True)
        search.index_article(article)
        return article

    def load_hidden_stories(self, sections, authors, users, now):
        """A draft, one in review, one scheduled, one withdrawn: none is public."""
        hidden = [
            (content.DRAFT_STORY, Article.Status.DRAFT, None),
            (content.IN_REVIEW_STORY, Article.Status.IN_REVIEW, None),
            (
                content.SCHEDULED_STORY,
                Article.Status.PUBLISHED,
                now + timedelta(hours=content.SCHEDULED_STORY.get("hours_ahead", 20)),
            ),
            (
                content.WITHDRAWN_STORY,
                Article.Status.WITHDRAWN,
                now - timedelta(days=3),
            ),
        ]
        for offset, (data, status, publish_at) in enumerate(hidden):
            article = self.load_story(
                data,
                sections,
                authors,
                status=status,
                publish_at=publish_at,
                seed=100 + offset,
                created_by=users["writer"],
            )
            if status == Article.Status.WITHDRAWN:
                Article.objects.filter(pk=article.pk).update(
                    first_published_at=publish_at
                )

    def load_corrections(self, stories):
        for data in content.CORRECTIONS:
            article = stories[data["story"]]
            correction, _ = Correction.objects.get_or_create(
                article=article,
                text=data["text"],
                defaults={
                    "kind": data["kind"],
                    "created_at": article.publish_at + timedelta(hours=1),
                },
            )
            Article.objects.filter(pk=article.pk).update(
                updated_at=correction.created_at
            )

    def load_top_stories(self, stories):
        TopStory.objects.exclude(article__slug__in=content.TOP_STORY_SLUGS).delete()
        for position, slug in enumerate(content.TOP_STORY_SLUGS):
            TopStory.objects.update_or_create(
                article=stories[slug], defaults={"position": position}
            )
