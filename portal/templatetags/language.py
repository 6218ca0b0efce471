"""`{{ value|zh }}`: Chinese data in an English page, marked so readers pronounce it as Chinese.

Names of qualifications, authorities and notices often exist only in Chinese. On English
pages they are wrapped in <span lang="zh-Hans"> (screen readers switch voice, browsers pick
CJK fonts); on Chinese pages, and for text without Chinese characters, nothing changes.
"""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language

register = template.Library()

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@register.filter
def zh(value):
    if value in (None, "") or (get_language() or "").startswith("zh"):
        return value
    text = str(value)
    if not _HAN.search(text):
        return value
    return format_html('<span lang="zh-Hans">{}</span>', conditional_escape(value))
