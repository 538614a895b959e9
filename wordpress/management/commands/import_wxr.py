"""manage.py import_wxr EXPORT.xml: bring a WordPress export's posts in."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles import permissions
from wordpress import importer as imports


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR): posts with their authors, categories "
        "(as sections), tags, dates, slugs, excerpts (as deks) and featured "
        "images from the export's uploads folder. Running it again changes "
        "nothing; --dry-run shows what it would do."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the WXR file WordPress exported")
        parser.add_argument(
            "--uploads",
            help="the site's wp-content/uploads folder (default: an 'uploads' "
            "folder beside the export)",
        )
        parser.add_argument(
            "--by",
            help="the editor the stories are imported by (default: the "
            "first active superuser)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report, write nothing"
        )

    def handle(self, *args, export, uploads, by, dry_run, **options):
        user = self.importer(by)
        if uploads is None:
            beside = Path(export).resolve().parent / "uploads"
            uploads = beside if beside.is_dir() else None
        try:
            report = imports.run(export, uploads=uploads, by=user, dry_run=dry_run)
        except imports.ExportError as error:
            raise CommandError(str(error)) from error
        for line in report.lines:
            self.stdout.write(str(line))
        counts = ", ".join(
            f"{report.count(outcome)} {outcome}"
            for outcome in (
                "create" if dry_run else "created",
                "unchanged",
                "skipped",
                "renamed",
                "cleaned",
                "missing",
                "refused",
                "failed",
            )
            if report.count(outcome)
        )
        posts = report.posts
        self.stdout.write(
            f"{posts} posts in “{report.export.title}”: {counts or 'nothing to do'}."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")

    def importer(self, username):
        users = get_user_model().objects.filter(is_active=True)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError(
                f"No active user “{username}”."
                if username
                else "No active superuser: name an editor with --by."
            )
        if not permissions.can_publish(user):
            raise CommandError(f"{user} may not publish: name an editor with --by.")
        return user
