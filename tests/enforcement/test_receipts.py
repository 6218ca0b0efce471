import re

from enforcement.models import Case
from enforcement.receipts import ALPHABET, LENGTH, receipt_canonical, receipt_hash, receipt_new

from .conftest import submit


def test_a_receipt_code_carries_at_least_80_bits():
    assert len(ALPHABET) == 32 and LENGTH * 5 >= 80
    assert re.fullmatch(r"([0-9A-HJKMNP-TV-Z]{5}-){3}[0-9A-HJKMNP-TV-Z]{5}", receipt_new())


def test_receipt_codes_do_not_repeat():
    assert len({receipt_new() for _ in range(1000)}) == 1000


def test_a_retyped_code_with_lowercase_spaces_and_look_alikes_still_matches():
    code = "7KQ2M-9XW4T-H3D8R-ZC601"
    assert receipt_canonical("7kq2m 9xw4t h3d8r zc6oi") == code.replace("-", "")
    assert receipt_hash(" 7kq2m9xw4th3d8rzc6OL ") == receipt_hash(code)


def test_a_malformed_code_has_no_hash():
    assert receipt_hash("12345") is None
    assert receipt_hash("UUUUU-UUUUU-UUUUU-UUUUU") is None


def test_only_a_hash_of_the_code_is_stored(fuzhou):
    case, code = submit()
    stored = Case.objects.filter(pk=case.pk).values()[0]
    plain = code.replace("-", "")
    assert not any(plain in str(value) or code in str(value) for value in stored.values())
    assert Case.objects.by_receipt(code) == case
