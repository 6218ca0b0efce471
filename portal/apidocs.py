"""/api/docs/: the OpenAPI schema as a plain page, readable without JavaScript.

Each operation is listed with its parameters, request body and responses, from the same
schema /api/schema/ serves (drf-spectacular), so the page cannot drift from the API.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, override
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")
_HAN = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    parameters: list[dict] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    responses: list[tuple[str, str]] = field(default_factory=list)

    @property
    def description_lang(self) -> str:
        """Docstrings are written in English: say so on Chinese pages (lang="en")."""
        return "zh-Hans" if _HAN.search(self.description) else "en"


def api_docs(request: HttpRequest) -> HttpResponse:
    title, version, operations = _operations(get_language() or "")
    context = {"api_title": title, "api_version": version, "operations": operations}
    return render(request, "portal/api_docs.html", context)


@lru_cache(maxsize=4)
def _operations(language: str) -> tuple[str, str, tuple[Operation, ...]]:
    with override(language):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    operations = tuple(
        _operation(method, path, spec)
        for path, item in schema["paths"].items()
        for method, spec in item.items()
        if method in METHODS
    )
    return schema["info"]["title"], schema["info"]["version"], operations


def _operation(method: str, path: str, spec: dict) -> Operation:
    description = (spec.get("description") or "").strip()
    return Operation(
        method=method.upper(),
        path=path,
        anchor=spec.get("operationId") or f"{method}-{path}",
        summary=spec.get("summary") or description.split("\n", 1)[0],
        description=description,
        parameters=[_parameter(p) for p in spec.get("parameters", [])],
        body=_body_types(spec.get("requestBody")),
        responses=[(code, r.get("description", "")) for code, r in spec["responses"].items()],
    )


def _parameter(parameter: dict) -> dict:
    schema = parameter.get("schema", {})
    return {
        "name": parameter["name"],
        "in": parameter["in"],
        "required": parameter.get("required", False),
        "type": schema.get("type", ""),
        "values": schema.get("enum", []),
        "description": (parameter.get("description") or "").split("\n\n", 1)[0],
    }


def _body_types(body: dict | None) -> list[str]:
    return sorted(body.get("content", {})) if body else []
