"""The stories list's columns: the headline, the state as a labelled pill,
section, bylines and the last change ("12 min ago", "4 Dec, 09:29")."""

from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join

#: Under an hour ago reads as minutes.
RECENT_MINUTES = 60


def pill(kind, text):
    return format_html('<span class="pill pill-{}">{}</span>', kind, text)


def when(moment, now=None):
    """ "12 min ago" within the hour, else "4 Dec, 09:29" (with the year
    when it is not this one)."""
    now = now or timezone.now()
    minutes = int((now - moment).total_seconds() // 60)
    if 0 <= minutes < RECENT_MINUTES:
        return "just now" if minutes == 0 else f"{minutes} min ago"
    local, today = timezone.localtime(moment), timezone.localtime(now)
    year = "" if local.year == today.year else f" {local.year}"
    return f"{local.day} {local:%b}{year}, {local:%H:%M}"


def time_element(moment):
    if moment is None:
        return "—"
    local = timezone.localtime(moment)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        moment.isoformat(),
        f"{local:%-d %B %Y, %H:%M}",
        when(moment),
    )


class StoryListColumns:
    """Mixed into StoryAdmin."""

    list_display = ["headline", "state", "section", "byline_names", "last_change"]

    @admin.display(description="state", ordering="status")
    def state(self, article):
        label = article.state_label
        if article.is_scheduled:
            shown = pill("scheduled", f"Scheduled · {when(article.publish_at)}")
        else:
            shown = pill(label.lower().replace(" ", "_"), label)
        if article.is_live_now and article.is_live:
            shown = format_html("{} {}", shown, pill("live", "Live"))
        return shown

    @admin.display(description="bylines")
    def byline_names(self, article):
        return (
            format_html_join(
                ", ", "{}", ((byline.author.name,) for byline in article.bylines.all())
            )
            or "—"
        )

    @admin.display(description="last change", ordering="modified_at")
    def last_change(self, article):
        return time_element(article.modified_at)
