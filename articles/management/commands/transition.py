"""Move a story from a script: `manage.py transition publish SLUG --as editor`.

Runs the same action as the admin's button, with the same permission check,
revision and cache purge, as the named account.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from articles import actions
from articles.models import Article


class Command(BaseCommand):
    help = "Run a story transition (submit, publish, withdraw…) as a given account."

    def add_arguments(self, parser):
        parser.add_argument("transition", choices=list(actions.TRANSITIONS))
        parser.add_argument("slug")
        parser.add_argument("--as", dest="username", required=True)
        parser.add_argument("--note", default="", help="For send_back, withdraw.")
        parser.add_argument(
            "--at",
            default="",
            help="For schedule: a local date-time, 2026-12-01T09:00.",
        )

    def handle(self, *args, transition, slug, username, note, at, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account named {username!r}.")
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No story with the slug {slug!r}.")
        action = actions.TRANSITIONS[transition].from_form(
            article, {"note": note, "publish_at": at}
        )
        try:
            action.execute(by=user)
        except (actions.ActionError, PermissionDenied) as error:
            raise CommandError(str(error)) from error
        for warning in action.warnings:
            self.stderr.write(f"warning: {warning}")
        self.stdout.write(f"“{article.headline}” is now {article.state_label.lower()}.")
