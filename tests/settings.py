"""What the tests run with: the project's settings, with the demo newsroom
installed (tests load it, and start servers that do)."""

import os

os.environ.setdefault("NEWSROOM_DEMO", "1")

from newsroom.settings import *  # noqa: F403
