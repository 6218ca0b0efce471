"""A JSON parser for public writes: a size cap, a depth cap, and 400 instead of a 500.

DRF's own parser reads the whole body and lets RecursionError escape from json.loads
(a body of 100,000 nested brackets answered 500).
"""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.JSON_BODY_MAX_BYTES
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise BodyTooLarge(
                _("请求内容过大（JSON 不得超过 %(kb)d KB）。") % {"kb": limit // 1024}
            )
        try:
            data = json.loads(body.decode(_encoding(parser_context)))
        except RecursionError:
            raise ParseError(_("JSON 嵌套层数过多。")) from None
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("JSON 格式错误：%(error)s") % {"error": error}) from None
        if depth(data) > settings.JSON_MAX_DEPTH:
            raise ParseError(_("JSON 嵌套层数过多。"))
        return data


def depth(data) -> int:
    """How deeply lists and objects nest in ``data``, counted without recursion."""
    deepest, pending = 0, [(data, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, level + 1) for child in children)
    return deepest


def _encoding(parser_context) -> str:
    return (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
