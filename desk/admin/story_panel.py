"""The story form's side panel: the workflow's next step as its main button,
the other transitions in a menu, the ones that take a story from readers
(withdraw) apart and confirmed on a page of their own.

A panel button saves the form first, then makes its move (SaveThenMove,
mixed into StoryAdmin); the actions check who may do what, whatever the
page showed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied

from articles import actions, permissions
from articles.models import Article

Status = Article.Status
#: Before publication, the first of these the person may make is the main
#: button; after it, the main button is Save.
NEXT_STEPS = ["publish", "submit"]
#: What a new story (not saved yet) may do once saved.
NEW_STORY_STEPS = {"submit": permissions.can_create, "publish": permissions.can_publish}


def _offered(user, article):
    if article is None:
        new = Article(status=Status.DRAFT)
        offered = [
            cls(new)
            for cls in actions.TRANSITIONS.values()
            if cls.name in NEW_STORY_STEPS and NEW_STORY_STEPS[cls.name](user)
        ]
        if permissions.can_publish(user):
            offered.append(actions.TRANSITIONS["schedule"](new))
        return offered
    return actions.available(user, article)


def panel(user, article):
    """The panel's buttons for `user` on `article` (None: a new story)."""
    offered = _offered(user, article)
    safe = [t for t in offered if not t.confirm]
    main = None
    if article is None or article.status in (Status.DRAFT, Status.IN_REVIEW):
        by_name = {t.name: t for t in safe}
        main = next((by_name[n] for n in NEXT_STEPS if n in by_name), None)
    return {
        "next_step": main,
        "other_steps": [t for t in safe if t is not main],
        "confirmed_steps": [t for t in offered if t.confirm],
    }


def run(request, transition, *, saved=False):
    """Make `transition` for the person asking; say how it went."""
    article = transition.given
    try:
        transition.execute(by=request.user)
    except PermissionDenied as error:
        if not saved:
            raise  # a crafted request: 403
        messages.error(request, f"Saved, but not moved: {error}")
        return False
    except actions.ActionError as error:
        prefix = "Saved, but not moved: " if saved else ""
        messages.error(request, f"{prefix}{error}")
        return False
    prefix = "Saved. " if saved else ""
    messages.success(
        request, f"{prefix}“{article.headline}” is now {article.state_label.lower()}."
    )
    for warning in transition.warnings:
        messages.warning(request, warning)
    return True


def requested(request):
    """The transition a panel button asked for with the form ("" for none)."""
    return request.POST.get("_transition", "")


class SaveThenMove:
    """Mixed into StoryAdmin: a panel button saves the story, then moves it."""

    def response_add(self, request, obj, post_url_continue=None):
        return self._move(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._move(request, obj) or super().response_change(request, obj)

    def _move(self, request, article):
        name = requested(request)
        if not name:
            return None
        step = actions.TRANSITIONS.get(name)
        if step is None or step.confirm:
            # Withdraw goes through its confirmation page, never a side door.
            messages.error(request, "Saved. That step is not made from the form.")
        else:
            data = {
                "note": request.POST.get(f"transition_note_{name}", ""),
                "publish_at": request.POST.get("transition_publish_at", ""),
            }
            run(request, step.from_form(article, data), saved=True)
        return self._back(article)
