"""Notice factories and the seed text. Personas come from tests/conftest.py."""

from datetime import date
from pathlib import Path

import pytest
from notice_factories import make_notice

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "000_fc6201608e7ab29d.txt"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def chain(ministry, fujian, fuzhou):
    """The seed's chain, entered by hand: ministry → Fujian → Fuzhou."""
    origin = make_notice(
        ministry,
        doc_number="人社部发〔2017〕68号",
        title="人力资源社会保障部关于公布国家职业资格目录的通知",
        issued_on=date(2017, 9, 12),
    )
    province = make_notice(
        fujian,
        doc_number="闽人社文〔2017〕320号",
        title="福建省人力资源和社会保障厅转发人力资源社会保障部关于公布国家职业资格目录的通知",
        issued_on=date(2017, 11, 17),
        forwards=origin,
    )
    city = make_notice(
        fuzhou,
        doc_number="榕人社培〔2017〕139号",
        title="福州市人力资源和社会保障局转发人力资源社会保障部关于公布国家职业资格目录的通知",
        issued_on=date(2017, 12, 19),
        forwards=province,
    )
    return origin, province, city
