from django.core.cache import cache


def test_admin_login_attempts_are_rate_limited_per_client(client, db, settings):
    settings.ADMIN_LOGIN_RATE = "3/m"
    cache.clear()
    answers = [
        client.post("/admin/login/", {"username": "x", "password": "wrong"}).status_code
        for _ in range(4)
    ]
    assert answers == [200, 200, 200, 429]
    other = client.post(
        "/admin/login/", {"username": "x", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
    )
    assert other.status_code == 200
