"""The report form prefilled by link (from the certificate check and the advert check)."""

from django.utils.html import escape

from .conftest import GULOU_FUZHOU

SENTENCE = "任职要求：必须持有会计专业技术资格证书方可上岗。"


def _textarea(client, **query) -> str:
    html = client.get("/report/", query).content.decode()
    start = html.index('name="description"')
    return html[html.index(">", start) + 1 : html.index("</textarea>", start)]


def test_the_advert_check_prefills_the_quoted_sentence_as_the_description(client, fuzhou):
    query = {"type": "level_tied_to_employment", "region": GULOU_FUZHOU, "description": SENTENCE}
    assert _textarea(client, **query).strip() == SENTENCE


def test_a_hostile_description_is_escaped_not_rendered(client, fuzhou):
    hostile = '</textarea><script>alert(1)</script>"onfocus=x'
    textarea = _textarea(client, description=hostile)
    assert "<script>" not in textarea and escape(hostile) in textarea


def test_control_and_direction_characters_are_dropped_from_prefilled_values(client, fuzhou):
    html = client.get(
        "/report/", {"description": "证书\u202e上印有\x07国家", "organisation": "某\u200b协会"}
    ).content.decode()
    assert "证书上印有国家</textarea>" in html and 'value="某协会"' in html


def test_an_overlong_description_is_dropped_not_an_error(client, fuzhou):
    response = client.get("/report/", {"description": "长" * 501, "type": "other"})
    assert response.status_code == 200
    assert '<option value="other" selected>' in response.content.decode()
    assert _textarea(client, description="长" * 501).strip() == ""


def test_a_nul_byte_in_a_prefilled_value_is_a_clear_400(client, fuzhou):
    assert client.get("/report/", {"description": "证书\x00上印有国家"}).status_code == 400
