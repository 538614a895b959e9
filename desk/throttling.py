"""What login throttling (django-axes) counts sign-in attempts by."""

from django.contrib.auth import get_user_model

#: No account's name is longer; a longer one typed is kept this long.
LONGEST = get_user_model()._meta.get_field("username").max_length


def attempted_username(request, credentials=None):
    """The name typed at sign-in, as axes stores it: at most LONGEST
    characters (a 100,000-character name overflowed its column on
    PostgreSQL and answered 500)."""
    data = credentials if credentials else getattr(request, "POST", {})
    return str(data.get("username") or "")[:LONGEST]
