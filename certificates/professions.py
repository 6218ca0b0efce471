"""Professions the law behind a catalogue item names (律师, 法官, 教师, 注册会计师).

Framework-free. A catalogue item's legal basis names the laws it rests on; a law named after
a profession (《中华人民共和国律师法》, 《中华人民共和国教师法》) says that the profession's
certificates rest on that item, so a name of the profession (律师执业证书, 公职律师证书) is
neither the item nor ruled out by it: the check answers ``uncertain`` with the item as a
candidate, never ``not_national``. Only laws whose subject ends in 师 or 官 count as a
profession (the 测绘法 or 建筑法 name an activity, not people).
"""

import re
from collections.abc import Iterable

from catalogue.text import normalise

_PROFESSION_LAW = re.compile(r"《中华人民共和国([\u4e00-\u9fff]{1,8}?[师官])法》")


def professions_by_law(items: Iterable[tuple[int, str]]) -> dict[str, dict[int, str]]:
    """Each profession a law names, with the items (id → the law's title) resting on it."""
    found: dict[str, dict[int, str]] = {}
    for pk, legal_basis in items:
        for law in _PROFESSION_LAW.finditer(legal_basis or ""):
            found.setdefault(normalise(law.group(1)), {}).setdefault(pk, law.group(0))
    return found


def items_for_profession(professions: dict[str, dict[int, str]], bare_name: str) -> dict[int, str]:
    """The items (id → law) whose law names the profession this name ends with (公职律师 →
    律师 → 法律职业资格, 《中华人民共和国律师法》)."""
    found: dict[int, str] = {}
    for profession, items in professions.items():
        if len(profession) >= 2 and bare_name.endswith(profession):
            for pk, law in items.items():
                found.setdefault(pk, law)
    return found
