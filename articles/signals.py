"""What the articles app tells the site around it.

`cards_changed` (with `pks`): a committed change gave these stories new card
versions (articles.actions.commit: a revision, or a record their cards show
renamed). It is sent as the change commits, before its purge tells readers'
pages to move, so that a site can render those cards once, for every
process, where the first readers of each list would otherwise render them
(public.cards.prepare). A change of more than CARDS_AT_ONCE stories (a tag
on 20,000 renamed) sends nothing: rendering them all would hold up the
action, and its cards are rendered as lists are read, as before; so does
a change made inside `no_cards_ahead()` (an import).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

logger = logging.getLogger(__name__)

CARDS_AT_ONCE = 20

cards_changed = Signal()

_quiet = ContextVar("no_cards_ahead", default=False)


@contextmanager
def no_cards_ahead():
    """Announce no new cards for the changes made inside the block: a bulk
    import's stories are many, mostly old and rarely read, and each is its
    own action; lists render their cards as they show them."""
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def announcing():
    return not _quiet.get()


def announce_cards(pks):
    """Send `cards_changed`; a receiver that fails is logged, and the change
    goes on to its purge."""
    for receiver, result in cards_changed.send_robust(sender=None, pks=pks):
        if isinstance(result, Exception):
            logger.error(
                "%s failed for %d stories", receiver, len(pks), exc_info=result
            )
