"""The public site's templates (public/jinja2/): Jinja2 through Django's own backend,
and what they call. The admin stays on Django templates (templates/).

Jinja2 renders the same pages in about half the time of Django's engine
(docs/PERFORMANCE.md). The pages are the same byte for byte: Django's own
filters format dates and text, undefined names are empty whatever DEBUG
says, and a template keeps its last newline, as Django's do.
"""

import jinja2
from django.template import defaultfilters
from django.template.defaultfilters import pluralize, truncatechars
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

import caching
from articles import keys
from articles.models import Section
from public import body, embeds, fragments, pictures


def environment(**options):
    options.update(undefined=jinja2.Undefined, keep_trailing_newline=True)
    options.pop("autoescape", None)
    # Every value printed is escaped as Django's templates escape it (`'` as
    # `&#x27;`); what is already safe (`__html__`) is printed as it is.
    env = jinja2.Environment(autoescape=True, finalize=conditional_escape, **options)
    env.globals.update(
        url=url,
        static=static,
        section_nav=section_nav,
        shared_fragment=shared_fragment,
        picture=pictures.picture,
        author_picture=pictures.author_picture,
        photo_url=pictures.photo_url,
        embed_thumbnail=pictures.embed_thumbnail,
        story_body=body.story_body,
        with_embeds=embeds.render_html,
    )
    env.filters.update(
        date=date,
        machine_time=machine_time,
        pluralize=pluralize,
        truncatechars=truncatechars,
    )
    return env


def date(value, arg=None):
    """Django's `date` filter, in the current time zone as in Django's templates."""
    return defaultfilters.date(timezone.template_localtime(value), arg)


def url(name, *args):
    return reverse(name, args=args)


def machine_time(value):
    """A `<time datetime>` value: local time to the second with its offset.

    HTML allows at most three fraction digits, and readers need none.
    """
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def section_nav():
    """The sections menu: fifty links, kept until a section changes (which
    purges the `nav` key every page carries)."""
    html = caching.remember("nav", _render_section_nav, [keys.NAV], scheduled=False)
    return mark_safe(html)  # noqa: S308 - rendered by an autoescaping template


def _render_section_nav():
    sections = Section.objects.only("name", "slug").order_by("position", "name")
    return render_to_string(
        "articles/includes/section_nav.html", {"sections": sections}
    )


def shared_fragment(name):
    """A placeholder the page cache fills (the page is being cached), or the
    fragment itself, as kept on its own keys (a page nobody caches: staff,
    previews, or the page cache off)."""
    if caching.is_collecting():
        return mark_safe(fragments.placeholder(name))  # noqa: S308 - a constant
    return mark_safe(fragments.html(name))  # noqa: S308 - rendered by a template
