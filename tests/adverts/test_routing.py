"""The report links of the advert check: quoted exactly as urllib would quote them."""

from urllib.parse import quote

from adverts.routing import _quoted

VALUES = [
    "任职要求：必须持有会计专业技术资格证书方可上岗。",
    "a b+c%d/é\n&type=other#x?",
    "福州市海润财务咨询有限公司",
    "ASCII_only-1.2~",
    "",
    "\U0001f600 emoji and 〔2022〕",
]


def test_report_link_values_are_percent_encoded_as_urllib_encodes_them():
    assert [_quoted(v) for v in VALUES] == [quote(v, safe="") for v in VALUES]
