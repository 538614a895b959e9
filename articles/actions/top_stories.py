"""The editors' curated Top Stories slots: place, change, remove."""

import caching
from articles import keys, permissions
from articles.actions.base import Action, clean


class TopStoryAction(Action):
    denied = "Only editors curate Top Stories."

    def __init__(self, slot):
        super().__init__()
        self.slot = slot

    def permits(self, user):
        return permissions.can_manage_top_stories(user)

    def subject(self):
        return self.slot

    def perform(self, change):
        self.apply(self.slot)
        # The feed is on the home page, every story page and its own feeds, all
        # of which carry its list key; a window is a scheduled change.
        change.touch(keys.TOP, caching.SCHEDULE)
        return self.slot

    def apply(self, slot):
        clean(slot)
        slot.save()


class AddTopStory(TopStoryAction):
    """Put a story in a Top Stories slot (optionally for a window of time)."""

    name, label = "add_top_story", "Add to Top Stories"


class ChangeTopStory(TopStoryAction):
    """Save a slot's new position or window (the instance carries them)."""

    name, label = "change_top_story", "Change Top Stories slot"


class RemoveTopStory(TopStoryAction):
    name, label = "remove_top_story", "Remove from Top Stories"

    def apply(self, slot):
        slot.delete()
