"""Signed, expiring preview links: a draft shown to someone without a login."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview"


def make_token(article):
    return signing.dumps(article.pk, salt=SALT, compress=False)


def token_is_valid(token, article_pk):
    """True when the token was signed for this story and has not expired."""
    try:
        signed_pk = signing.loads(
            token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE
        )
    except signing.BadSignature:  # includes SignatureExpired
        return False
    return signed_pk == article_pk


def share_url(article):
    return reverse(
        "articles:preview", kwargs={"pk": article.pk, "token": make_token(article)}
    )


def max_age_hours():
    return settings.NEWSROOM_PREVIEW_MAX_AGE // 3600
