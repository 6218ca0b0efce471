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
CERTIFICATE_WORDS = (
    "职业资格证书",
    "资格证书",
    "等级证书",
    "执业证书",
    "合格证书",
    "注册证书",
    "资格证",
    "执业证",
    "合格证",
    "上岗证",
    "证书",
    "证",
)
_LEVEL_WORDS = re.compile(
    r"(?:[一二三四五]级|初级|中级|高级|副高级|正高级|助理|高级技师|技师|"
    r"[1-5]级|level[1-5])$"
)


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold width, case and script, and drop spaces and punctuation."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return _NOISE.sub("", _converter.convert(folded))


def strip_certificate_words(normalised: str) -> str:
    """Remove trailing certificate words and levels (注册会计师证书 → 注册会计师)."""
    previous = None
    text = normalised
    while text != previous:
        previous = text
        for word in CERTIFICATE_WORDS:
            # Keep at least two characters: 认证证书 is 认证, not 认.
            if text.endswith(word) and len(text) - len(word) >= 2:
                text = text[: -len(word)]
                break
        stripped = _LEVEL_WORDS.sub("", text)
        text = stripped if len(stripped) >= 2 else text
    return text


def search_key(query: str) -> str:
    """The normalised form of a search query, certificate words removed."""
    return strip_certificate_words(normalise(query))
