"""A NUL byte anywhere in a query string is answered 400, admin included."""

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/admin/enforcement/case/?authority__level=%00",
        "/notices/?q=a%00b",
        "/api/v1/notices/?number=%00",
        "/catalogue/?q=a%00b",
    ],
)
def test_a_nul_byte_in_the_query_is_a_400(admin_client, url):
    assert admin_client.get(url).status_code == 400


def test_the_admin_list_filter_without_nul_still_works(admin_client):
    response = admin_client.get("/admin/enforcement/case/?authority__level=national")
    assert response.status_code == 200
