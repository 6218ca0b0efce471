"""Make the OpenAPI schema say what the API answers (a drf-spectacular postprocessing hook).

Every operation may answer 400 (bad parameters or body, a NUL byte in the query), 429
(rate limits) and 503 (the database unreachable); operations with a path parameter or a
lookup may answer 404; those behind a login 401/403. Operations that anyone may call list
no authentication at all.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular import openapi
from rest_framework.fields import empty

ERROR = {
    "type": "object",
    "description": "A message in `detail`, or a list of messages per field.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ALWAYS = {
    "400": "The parameters or the body are not understood; the body says why.",
    "429": "Too many requests from this client; try again later (see Retry-After).",
    "503": "Temporarily unavailable; try again later (see Retry-After).",
}
NOT_FOUND = {"404": "No such object (or one the caller may not see)."}
SIGNED_IN = {
    "401": "Not signed in.",
    "403": "Signed in without the permission, or not signed in.",
}


def document_errors(result: dict, generator, request, public) -> dict:
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path, methods in result.get("paths", {}).items():
        for operation in methods.values():
            _document(operation, may_be_missing="{" in path or _has_lookup(operation))
    return result


def _document(operation: dict, *, may_be_missing: bool) -> None:
    security = operation.get("security", [])
    anonymous = not security or {} in security
    if anonymous:
        operation["security"] = []
    errors = {**ALWAYS, **(NOT_FOUND if may_be_missing else {})}
    errors.update({} if anonymous else SIGNED_IN)
    for status, description in errors.items():
        operation["responses"].setdefault(status, _error(description))


def _error(description: str) -> dict:
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    return {"description": description, "content": content}


def _has_lookup(operation: dict) -> bool:
    """A body or query naming an object (a receipt code, a page) may name none."""
    query = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
    return "page" in query or "requestBody" in operation


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema, with every field that can answer null marked nullable,
    and the actions on one object documented unpaginated.

    DRF answers null for a field whose attribute is None: a nullable column, a relation
    followed through a nullable foreign key, or a field whose default is None.
    """

    def _get_paginator(self):
        """Actions on one object (chain, tree) answer plain lists, never pages."""
        if getattr(self.view, "detail", False):
            return None
        return super()._get_paginator()

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and _may_answer_null(field):
            meta["nullable"] = True
        return meta


def _may_answer_null(field) -> bool:
    if getattr(field, "default", empty) is None:
        return True
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or source == "*":
        return False
    for name in source.split("."):
        try:
            model_field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            return False
        if getattr(model_field, "null", False):
            return True
        model = getattr(model_field, "related_model", None)
        if model is None:
            return False
    return False
