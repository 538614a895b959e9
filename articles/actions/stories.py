"""What every action on one story shares: the locked re-read and the refresh."""

from articles.actions.base import Action
from articles.models import Article


class StoryAction(Action):
    """An action on one story. `self.article` is the story as stored, re-read
    under a lock inside the transaction; the caller's instance is refreshed
    once the action is done (unless `refreshes` is off: a deleted story)."""

    refreshes = True

    def __init__(self, article):
        super().__init__()
        self.given = article
        self.article = article

    def prepare(self):
        self.article = Article.objects.select_for_update().get(pk=self.given.pk)

    def subject(self):
        return self.article

    def tracked(self):
        """The story as stored before this action (None for a new one)."""
        return self.article

    def execute_steps(self, change):
        if self.tracked() is not None:
            change.track(self.tracked())
        return super().execute_steps(change)

    def execute(self, *, by):
        result = super().execute(by=by)
        if self.refreshes and self.given is not self.article:
            self.given.refresh_from_db()
        return result
