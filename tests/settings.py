"""What the tests run with: the project's settings, with the demo newsroom
installed (tests load it, and start servers that do)."""

import os

os.environ.setdefault("NEWSROOM_DEMO", "1")
# Production refuses to start without a key of its own; so would the tests.
os.environ.setdefault("SECRET_KEY", "tests-only-" + "k" * 50)

from newsroom.settings import *  # noqa: F403
