"""Helpers for the advert check (the real catalogue fixtures are in tests/conftest.py)."""


def check(client, text: str, advert_type: str | None = None):
    body = {"text": text} | ({"advert_type": advert_type} if advert_type else {})
    return client.post("/api/v1/advert-check/", body, content_type="application/json")
