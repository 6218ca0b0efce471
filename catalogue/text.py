"""Text normalisation for matching what people type against catalogue names.

NFKC folds full-width letters, digits and punctuation; OpenCC converts traditional
characters to simplified; spaces and punctuation are dropped; the words people add to a
qualification's name on a certificate (证书, 资格证, 一级 …) can be stripped.
"""

import re
import unicodedata
from functools import lru_cache

import opencc

_converter = opencc.OpenCC("t2s")

# Anything that is not a letter, digit or CJK ideograph.
_NOISE = re.compile(r"[\W_]+", re.UNICODE)

# Words printed around a qualification's name on a certificate, longest first.
CERTIFICATE_WORDS = tuple(
    sorted(
        {
            "职业资格证书",
            "资格证书",
            "等级证书",
            "执业证书",
            "合格证书",
            "注册证书",
            "岗位证书",
            "操作资格证",
            "资格证",
            "执业证",
            "合格证",
            "上岗证",
            "操作证",
            "证书",
            "证",
        },
        key=len,
        reverse=True,
    )
)
# Levels printed before or after the name (一级建造师, 建造师（二级）, 会计专业技术资格中级).
_LEVEL_PREFIX = re.compile(r"^(?:[一二三四五]级|[1-5]级|初级|中级|副高级|正高级|高级)")
_LEVEL_SUFFIX = re.compile(
    r"(?:[一二三四五]级|[1-5]级|level[1-5]|初级|中级|副高级|正高级|高级|高级技师|技师|助理)$"
)
# Stripping never leaves fewer characters than this: 认证证书 is 认证, not 认.
MIN_CORE = 2


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold width, case and script, and drop spaces and punctuation."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _NOISE.sub("", _converter.convert(folded))


def strip_suffix(text: str, words: tuple[str, ...], keep: int = MIN_CORE) -> str:
    """Remove the first of ``words`` that ends ``text``, keeping ``keep`` characters."""
    for word in words:
        if text.endswith(word) and len(text) - len(word) >= keep:
            return text[: -len(word)]
    return text


def strip_level(text: str) -> str:
    for pattern in (_LEVEL_PREFIX, _LEVEL_SUFFIX):
        stripped = pattern.sub("", text)
        text = stripped if len(stripped) >= MIN_CORE else text
    return text


def strip_certificate_words(normalised: str) -> str:
    """Remove certificate words and levels until nothing more comes off.

    一级建造师执业证书 → 建造师; 注册会计师证书 → 注册会计师.
    """
    previous = None
    text = normalised
    while text != previous:
        previous = text
        text = strip_level(strip_suffix(text, CERTIFICATE_WORDS))
    return text


def search_key(query: str) -> str:
    """The normalised form of a search query, certificate words removed."""
    return strip_certificate_words(normalise(query))
