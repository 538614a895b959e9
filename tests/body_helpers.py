"""Story bodies holding each element, written as the editor writes them
(desk/static/desk/body_elements.js; articles.body describes the shapes)."""

from html import escape


def photo(pk, *, alt="", caption="", credit="", ratio="original"):
    attributes = f'data-photo="{pk}" data-ratio="{ratio}"'
    if alt:
        attributes += f' data-alt="{escape(alt)}"'
    if credit:
        attributes += f' data-credit="{escape(credit)}"'
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return f'<figure class="story-photo" {attributes}>{figcaption}</figure>'


def table(rows, *, caption="", header=True):
    """`rows` of cell texts; the first row's cells are headers when `header`."""
    html = []
    for number, row in enumerate(rows):
        tag = "th" if header and number == 0 else "td"
        cells = "".join(
            f'<{tag} colspan="1" rowspan="1"><p>{escape(cell)}</p></{tag}>'
            for cell in row
        )
        html.append(f"<tr>{cells}</tr>")
    figcaption = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    return (
        f'<figure class="story-table"><table><tbody>{"".join(html)}</tbody>'
        f"</table>{figcaption}</figure>"
    )


def pull_quote(text, attribution=""):
    cite = f"<figcaption>{escape(attribution)}</figcaption>" if attribution else ""
    return (
        f'<figure class="pull-quote"><blockquote><p>{escape(text)}</p></blockquote>'
        f"{cite}</figure>"
    )


def fact_box(title, items):
    entries = "".join(f"<li><p>{escape(item)}</p></li>" for item in items)
    return (
        f'<aside class="fact-box"><p class="fact-box-title">{escape(title)}</p>'
        f"<ul>{entries}</ul></aside>"
    )


def link(story, text):
    return f'<a href="{story.get_absolute_url()}">{escape(text)}</a>'
