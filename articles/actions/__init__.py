"""Every change a person makes, as one action class (after Wagtail's actions).

An action is built with its target and parameters, answers `check(user)` by
asking articles.permissions, and `execute(by=user)` runs it in one
transaction ending in the shared commit step (articles.actions.commit):
version bump and revision for each story it revised, search re-index, and the
purge of the content keys it touched. The admin, management commands, the
demo loader and the tests all go through these classes; nothing else writes a
story's status or publication times.

    from articles import actions
    action = actions.Publish(story)
    action.execute(by=editor)      # PermissionDenied, or ActionError saying why
    action.warnings                # ["This story lists no sources."]

A new transition is one subclass of `Transition` in transitions.py (its name,
label, source states, target state and, if it is not the editors', who it
`permits`) plus a test; the admin shows its button from the registry.
"""

from articles.actions.base import (
    Action,
    ActionError,
    ConcurrentEdit,
    NotAllowedNow,
    PublishBlocked,
)
from articles.actions.desk import (
    AddCorrection,
    AddNote,
    ChangeCorrection,
    DeleteCorrection,
    ResolveNote,
)
from articles.actions.edits import (
    AddToGallery,
    DeleteStory,
    RestoreRevision,
    SaveEdit,
    StoryParts,
)
from articles.actions.embeds import RenewEmbed
from articles.actions.live import (
    ApproveUpdate,
    CorrectUpdate,
    DeleteUpdate,
    EndCoverage,
    PostUpdate,
    SetLiveDesk,
    live_desk,
)
from articles.actions.photos import RecropPhoto, SavePhoto
from articles.actions.records import DeleteRecord, SaveAuthor, SaveSection
from articles.actions.tags import DeleteTag, MergeTags, SaveTag
from articles.actions.top_stories import AddTopStory, ChangeTopStory, RemoveTopStory
from articles.actions.transitions import (
    REGISTRY as TRANSITIONS,
)
from articles.actions.transitions import (
    Publish,
    RestoreToDraft,
    Schedule,
    SendBack,
    Submit,
    Transition,
    Withdraw,
    available,
    publish_problems,
    publish_warnings,
)

__all__ = [
    "TRANSITIONS",
    "Action",
    "ActionError",
    "AddCorrection",
    "AddNote",
    "AddToGallery",
    "AddTopStory",
    "ApproveUpdate",
    "ChangeCorrection",
    "ChangeTopStory",
    "ConcurrentEdit",
    "CorrectUpdate",
    "DeleteCorrection",
    "DeleteRecord",
    "DeleteStory",
    "DeleteTag",
    "DeleteUpdate",
    "EndCoverage",
    "MergeTags",
    "NotAllowedNow",
    "PostUpdate",
    "Publish",
    "PublishBlocked",
    "RecropPhoto",
    "RemoveTopStory",
    "RenewEmbed",
    "ResolveNote",
    "RestoreRevision",
    "RestoreToDraft",
    "SaveAuthor",
    "SaveEdit",
    "SavePhoto",
    "SaveSection",
    "SaveTag",
    "Schedule",
    "SendBack",
    "SetLiveDesk",
    "StoryParts",
    "Submit",
    "Transition",
    "Withdraw",
    "available",
    "live_desk",
    "publish_problems",
    "publish_warnings",
]
