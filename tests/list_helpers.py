"""What a public story list shows, in the tests."""


def listed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [card.pk for card in response.context["articles"]], response
