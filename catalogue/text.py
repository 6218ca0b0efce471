"""Text normalisation for matching what people type against catalogue names.

NFKC folds full-width letters, digits, punctuation and compatibility forms; OpenCC converts
traditional characters to simplified; spaces and punctuation are dropped; the words people
add to a qualification's name on a certificate (证书, 资格证, 一级 …) can be stripped.

The one OpenCC converter of the portal lives here: the catalogue, the certificate check,
the notice importer (:func:`simplified`, by runs) and the advert check
(:func:`fold_keeping_offsets`, character by character) all fold through it. Framework-free,
so that the importer and scripts can use it without Django.
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


def simplified(text: str) -> str:
    """The text in simplified characters, with width and compatibility forms folded (NFKC).

    Uncached: a long document must not push the search keys out of :func:`normalise`'s cache.
    Converted as a whole, so that OpenCC reads words (答覆 → 答复), not lone characters.
    """
    return _converter.convert(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Fold width, case and script, and drop spaces and punctuation."""
    return _NOISE.sub("", simplified(text or "").casefold())


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded to one: width, compatibility form, case, script; a character
    that would fold to several (㎏ → kg, ß → ss) or none stays as it is."""
    folded = simplified(char).casefold()
    return folded if len(folded) == 1 else char


def fold_keeping_offsets(text: str) -> str:
    """The text folded character by character: ``len(result) == len(text)``, so a match in
    the folded text has the same span in the text as given."""
    return "".join(fold_char(c) for c in text)


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
