"""Load the demo newsroom: sections, authors, stories, Top Stories, accounts.

Everything is made through the newsroom's actions, as people would make it:
the story's writer saves and submits it, the editor publishes (as of the
story's demo time), schedules or withdraws it, adds corrections and curates
Top Stories. Each demo writer owns their author's stories only, so logging in
as `writer` shows what a writer sees; the editor sees everything.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import actions, embeds
from articles.models import (
    Article,
    Author,
    Embed,
    LiveUpdate,
    Photo,
    Section,
    TopStory,
)
from demo import content
from demo.images import portrait, scene

Status = Article.Status
DEMO_PASSWORD = "newsroom-demo"
ACCOUNTS = [
    # username, role group, superuser, linked author slug
    ("writer", "Writer", False, "olga-nesterova"),
    ("writer2", "Writer", False, "marcus-adeyemi"),
    ("editor", "Editor", False, None),
    ("admin", None, True, None),
]


class Command(BaseCommand):
    help = (
        "Create the demo content and demo accounts. Idempotent: what exists "
        "already (perhaps edited since) is left as it is."
    )

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
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts with a public password; it refuses to "
                "run with DEBUG off. Use --force if you really mean it."
            )
        self.photo_size = (photo_width, photo_width * 5 // 8)
        self.now = timezone.now()
        newsroom = content.newsroom()
        with transaction.atomic():
            self.users = self.load_accounts()
            self.editor = self.users["editor"]
            sections = self.load_sections(newsroom["sections"])
            authors = self.load_authors(newsroom["authors"])
            self.link_accounts(authors)
            stories = content.stories()
            for seed, story in enumerate(stories):
                self.load_story(story, sections, authors, seed)
        published = sum(story.status == Status.PUBLISHED for story in stories)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo loaded: {published} published stories, {len(authors)} "
                "authors. Log in at /admin/ as writer, writer2, editor or admin "
                f"with password “{DEMO_PASSWORD}”."
            )
        )

    def load_accounts(self):
        users = {}
        for username, role, superuser, _ in ACCOUNTS:
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
            users[username] = User.objects.get(pk=user.pk)  # fresh permissions
        return users

    def link_accounts(self, authors):
        self.owners = {}
        for username, _, _, author_slug in ACCOUNTS:
            if author_slug:
                author = authors[author_slug]
                if author.user_id is None:
                    author.user = self.users[username]
                    actions.SaveAuthor(author, changed=["user"]).execute(by=self.editor)
                self.owners[author_slug] = self.users[username]

    def load_sections(self, rows):
        sections = {}
        for position, data in enumerate(rows):
            section = Section.objects.filter(slug=data["slug"]).first()
            if section is None:
                section = Section(position=position, **data)
                actions.SaveSection(section).execute(by=self.editor)
            sections[section.slug] = section
        return sections

    def load_authors(self, rows):
        authors = {}
        for data in rows:
            author = Author.objects.filter(slug=data["slug"]).first()
            if author is None:
                fields = {k: v for k, v in data.items() if k != "color"}
                author = Author(**fields)
                author.picture.save(
                    f"{author.slug}.jpg",
                    portrait(author.name, data["color"]),
                    save=False,
                )
                actions.SaveAuthor(author).execute(by=self.editor)
            authors[author.slug] = author
        return authors

    def load_photo(self, data, seed, owner):
        photo = Photo.objects.filter(
            alt_text=data["alt"], caption=data["caption"]
        ).first()
        if photo is None:
            focal_x, focal_y = data.get("focal", (0.5, 0.5))
            photo = Photo(
                alt_text=data["alt"],
                caption=data["caption"],
                credit=data["credit"],
                focal_x=focal_x,
                focal_y=focal_y,
            )
            photo.image.save(
                f"demo-{seed}.jpg",
                scene(seed, data["color"], *self.photo_size),
                save=False,
            )
            actions.SavePhoto(photo).execute(by=owner)
        return photo

    def load_story(self, story, sections, authors, seed):
        if Article.objects.filter(slug=story.slug).exists():
            return
        for data in story.embeds:  # stored: saving the story fetches nothing
            provider, _ = embeds.provider_for(data["url"])
            Embed.objects.get_or_create(
                url=data["url"],
                defaults={
                    **data,
                    "provider": provider.name,
                    "status": Embed.Status.FETCHED,
                    "fetched_at": self.now,
                },
            )
        owner = self.owners.get(story.authors[0], self.editor)

        def inline_photo(data):
            return self.load_photo(data, seed * 1000 + len(data["alt"]), owner)

        article = Article(
            headline=story.headline,
            slug=story.slug,
            dek=story.dek,
            body=story.body(
                lambda data: self.load_photo(
                    data, seed * 1000 + len(data["alt"]), owner
                )
            ),
            section=sections[story.section],
            lead_photo=self.load_photo(story.photo, seed, owner),
            live_coverage=story.live,
        )
        parts = actions.StoryParts(
            bylines=[authors[slug] for slug in story.authors],
            tags=story.tags,
            citations=story.citations,
            credits=[
                {
                    "role": credit["role"],
                    "author": authors[credit["author"]] if "author" in credit else None,
                    "name": credit.get("name", ""),
                }
                for credit in story.credits
            ],
            gallery=[
                {"photo": self.load_photo(photo, seed * 100 + n, owner)}
                for n, photo in enumerate(story.gallery, 1)
            ],
        )
        actions.SaveEdit(article, parts=parts).execute(by=owner)
        if owner != self.editor:
            actions.Submit(article).execute(by=owner)
        self.move(article, story)
        for correction in story.corrections:
            actions.AddCorrection(
                article,
                created_at=article.publish_at + timedelta(hours=1),
                **correction,
            ).execute(by=self.editor)
        self.post_updates(article, story, authors)
        if story.top_story is not None:
            slot = TopStory(article=article, position=story.top_story)
            actions.AddTopStory(slot).execute(by=self.editor)

    def post_updates(self, article, story, authors):
        """A live story's updates, posted by the editor in the story's
        authors' names, at the times they were written."""
        for data in story.updates:
            update = actions.PostUpdate(
                article,
                body=f"<p>{escape(data['text'])}</p>",
                authors=[authors[slug] for slug in story.authors],
                pinned=data.get("pinned", False),
            ).execute(by=self.editor)
            posted_at = self.now - timedelta(minutes=data["minutes_ago"])
            LiveUpdate.objects.filter(pk=update.pk).update(posted_at=posted_at)

    def move(self, article, story):
        """From draft or review to the story's demo state, as the editor."""
        if story.status == Status.DRAFT and article.status != Status.DRAFT:
            note = "Tighten the second paragraph, please."
            actions.SendBack(article, note=note).execute(by=self.editor)
        elif story.status == Status.PUBLISHED:
            at = self.now - timedelta(hours=story.hours_ago)
            actions.Publish(article, at=at).execute(by=self.editor)
        elif story.status == content.SCHEDULED:
            at = self.now + timedelta(hours=story.hours_ahead or 20)
            actions.Schedule(article, at=at).execute(by=self.editor)
        elif story.status == Status.WITHDRAWN:
            at = self.now - timedelta(days=3)
            actions.Publish(article, at=at).execute(by=self.editor)
            note = "Withdrawn pending a legal review."
            actions.Withdraw(article, note=note).execute(by=self.editor)
