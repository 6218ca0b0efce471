"""API v1 of the catalogue: read-only, paginated and throttled (see REST_FRAMEWORK)."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from portal.filters import YEAR_SCHEMA

from . import serializers
from .caching import CachedReadMixin
from .comparison import changes_count, editions_compare, group_changes
from .filters import EditionPairForm, QualificationFilter
from .models import Edition, EditionEntry, Qualification


class QualificationViewSet(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Catalogue items (not sub-items) with the filters and search of the catalogue page."""

    filterset_class = QualificationFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Qualification.objects.for_detail()
        return Qualification.objects.items().for_listing().in_catalogue_order()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.QualificationDetailSerializer
        return serializers.QualificationSerializer


_PAIR = [
    OpenApiParameter(name, YEAR_SCHEMA, required=True, description=description)
    for name, description in (("from", "older edition year"), ("to", "newer edition year"))
]


def _form_errors(form) -> dict[str, list[str]]:
    errors = {name: list(messages) for name, messages in form.errors.items()}
    if "__all__" in errors:
        errors["non_field_errors"] = errors.pop("__all__")
    return errors


class EditionViewSet(CachedReadMixin, viewsets.ReadOnlyModelViewSet):
    """Editions of the catalogue by year, with their entries and completeness."""

    lookup_field = "year"
    lookup_value_regex = r"\d{4}"

    def get_queryset(self):
        editions = Edition.objects.order_by("-year")
        if self.action == "retrieve":
            entries = EditionEntry.objects.in_order()
            return editions.prefetch_related(Prefetch("entries", queryset=entries))
        return editions

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.EditionDetailSerializer
        return serializers.EditionSerializer

    @extend_schema(parameters=_PAIR, responses=serializers.ComparisonSerializer)
    @action(detail=False, pagination_class=None, filter_backends=[])
    def compare(self, request: Request) -> Response:
        """Each change between two editions: added, removed, sub-item added or removed,
        reclassified (kind or category), renamed."""
        form = EditionPairForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        older, newer = form.cleaned_data["from"], form.cleaned_data["to"]
        rows = editions_compare(older=older, newer=newer)
        data = {"older": older, "newer": newer, "counts": changes_count(rows), "changes": rows}
        data["group_changes"] = group_changes(older=older, newer=newer)
        return Response(serializers.ComparisonSerializer(data).data)
