"""Reading the read API (/api/v1/) in its tests."""

API = "/api/v1"


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response, (
        response.json()
        if response["Content-Type"].startswith("application/json")
        else None
    )
