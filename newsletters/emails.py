"""Each newsletter email: rendered once per issue, filled in per recipient.

An issue's HTML and plain-text parts are rendered once (`render`) and
stored on it; what differs per recipient (their preferences and
unsubscribe links) stands in the stored parts as placeholders, replaced as
each copy is made (`message`). The HTML is one column with inline styles,
its images carry width, height and alt text, and its links go straight to
the stories: no tracking pixel, no redirected links.
"""

from email.utils import make_msgid, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse

import imaging
from articles.models import Article, Section
from articles.models.queries import bylines_prefetch
from articles.top_stories import top_stories
from newsletters import tokens

#: What the stored parts hold where each recipient's links go.
PREFERENCES = "%%NEWSROOM_PREFERENCES_URL%%"
UNSUBSCRIBE = "%%NEWSROOM_UNSUBSCRIBE_URL%%"
#: Newest stories per section in a digest.
PER_SECTION = 3
#: Widest image an email shows (pixels; the column is 600 wide).
IMAGE_WIDTH = 560


def site_url(path=""):
    """An absolute address on the public site, for links sent out."""
    base = settings.NEWSROOM_SITE_URL or "http://localhost:8000"
    return base.rstrip("/") + path


def domain():
    """The site's host name, for Message-IDs and List-Id."""
    return urlsplit(site_url()).hostname or "localhost"


def _picture(story):
    photo = story.lead_photo
    if photo is None:
        return None
    chosen = imaging.fallback(photo.renditions, photo.image.storage, max_width=640)
    if not chosen:
        return None
    height = round(chosen["height"] * IMAGE_WIDTH / chosen["width"])
    url = chosen["url"]
    return {
        "url": url if url.startswith("http") else site_url(url),
        "width": IMAGE_WIDTH,
        "height": height,
        "alt": photo.alt_text,
    }


def _entry(story):
    return {
        "headline": story.headline,
        "dek": story.dek,
        "url": site_url(story.get_absolute_url()),
        "byline": ", ".join(b.author.name for b in story.bylines.all()),
        "picture": _picture(story),
    }


def digest_sections():
    """(section, its newest live stories) for every section with any."""
    found = []
    for section in Section.objects.all():
        stories = list(
            Article.objects.live()
            .filter(section=section)
            .select_related("lead_photo")
            .order_by("-publish_at", "-pk")[:PER_SECTION]
        )
        prefetch_related_objects(stories, bylines_prefetch())
        if stories:
            found.append((section, stories))
    return found


def digest_context(issue):
    top = top_stories()
    shown = {story.pk for story in top}
    sections = [
        {
            "name": section.name,
            "entries": [_entry(s) for s in stories if s.pk not in shown],
        }
        for section, stories in digest_sections()
    ]
    return {
        "lead": [_entry(story) for story in top],
        "sections": [section for section in sections if section["entries"]],
    }


def alert_context(issue):
    story = issue.article
    prefetch_related_objects([story], bylines_prefetch())
    return {"lead": [_entry(story)], "summary": issue.summary, "sections": []}


def render(issue):
    """Render `issue`'s two parts, once, into the issue (not saved)."""
    context = alert_context(issue) if issue.article_id else digest_context(issue)
    context.update(
        issue=issue,
        newsletter=issue.newsletter,
        site_name=settings.NEWSROOM_SITE_NAME,
        site_url=site_url("/"),
        preferences_url=PREFERENCES,
        unsubscribe_url=UNSUBSCRIBE,
    )
    issue.html = render_to_string("newsletters/email/issue.html", context)
    issue.text = render_to_string("newsletters/email/issue.txt", context)


def links(subscriber, issue=None):
    """(preferences, one-click unsubscribe) addresses of `subscriber`."""
    token = tokens.management_token(subscriber)
    query = f"?issue={issue.pk}" if issue is not None else ""
    return (
        site_url(reverse("newsletters:preferences", args=[token]) + query),
        site_url(reverse("newsletters:unsubscribe", args=[token]) + query),
    )


def unsubscribe_mailbox():
    """Where a mail client's unsubscribe (mailto) goes: the address alone,
    without a display name ("Newsroom <news@…>")."""
    mailbox = settings.NEWSLETTER_UNSUBSCRIBE_EMAIL or settings.DEFAULT_FROM_EMAIL
    return parseaddr(mailbox)[1]


def one_line(text):
    """`text` on one line: a header never carries a line break."""
    return " ".join(str(text).split())


def copy_links(subscriber, issue):
    """(preferences, one-click unsubscribe, mailto unsubscribe) of
    `subscriber`'s copy of `issue`; without a subscriber (an editor's test)
    the links lead to the sign-up page."""
    if subscriber is None:
        signup = site_url(reverse("newsletters:subscribe"))
        return signup, signup, f"mailto:{unsubscribe_mailbox()}"
    preferences, unsubscribe = links(subscriber, issue)
    token = tokens.management_token(subscriber)
    mailto = f"mailto:{unsubscribe_mailbox()}?subject=unsubscribe%20{token}"
    return preferences, unsubscribe, mailto


def fill(issue, preferences, unsubscribe):
    """The issue's (text, html) with one copy's links filled in."""
    text, html = issue.text, issue.html
    for placeholder, value in ((PREFERENCES, preferences), (UNSUBSCRIBE, unsubscribe)):
        text, html = text.replace(placeholder, value), html.replace(placeholder, value)
    return text, html


def message(issue, subscriber, *, message_id=None, to=None):
    """`issue`'s copy for `subscriber` as an EmailMessage, with the
    List-Unsubscribe headers of RFC 2369 and RFC 8058 and its own
    Message-ID (newsletters.mime lays out the same copy as bytes)."""
    preferences, unsubscribe, mailto = copy_links(subscriber, issue)
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": one_line(
            f"{issue.newsletter.name} <{issue.newsletter.slug}.{domain()}>"
        ),
        "Message-ID": message_id or make_msgid(domain=domain()),
    }
    text, html = fill(issue, preferences, unsubscribe)
    email = EmailMultiAlternatives(
        subject=one_line(issue.subject),
        body=text,
        to=[to or subscriber.email],
        headers=headers,
    )
    email.attach_alternative(html, "text/html")
    return email


def confirmation(subscriber, newsletters):
    """The double opt-in email: a link to a page that confirms by POST."""
    link = site_url(
        reverse("newsletters:confirm", args=[tokens.confirmation_token(subscriber)])
    )
    context = {
        "site_name": settings.NEWSROOM_SITE_NAME,
        "newsletters": newsletters,
        "link": link,
    }
    email = EmailMultiAlternatives(
        subject=f"Confirm your {settings.NEWSROOM_SITE_NAME} newsletters",
        body=render_to_string("newsletters/email/confirm.txt", context),
        to=[subscriber.email],
    )
    email.attach_alternative(
        render_to_string("newsletters/email/confirm.html", context), "text/html"
    )
    return email
