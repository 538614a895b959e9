"""Reading a live story's page in its tests."""

import json

from lxml import html as lxml_html


def page(client, story, query=""):
    response = client.get(story.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    script = lxml_html.fromstring(html).xpath('//script[@type="application/ld+json"]')
    return json.loads(script[0].text)
