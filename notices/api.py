"""Read-only API of published notices: list, detail, chain, tree and coverage."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from . import trace
from .coverage import authority_regions, region_coverage
from .filters import NoticeFilter
from .models import Notice
from .serializers import (
    ChainLinkSerializer,
    CoverageWithDivisionsSerializer,
    NoticeSerializer,
    TreeRowSerializer,
    divisions_data,
)


class NoticeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published notices; drafts are never served."""

    queryset = Notice.objects.published().with_issuer()
    serializer_class = NoticeSerializer
    filterset_class = NoticeFilter

    @extend_schema(responses=ChainLinkSerializer(many=True))
    @action(detail=True)
    def chain(self, request: Request, pk: int) -> Response:
        """The notice and those it forwards, up to the origin."""
        chain = [n for n in trace.ancestors(self.get_object()) if n.is_public]
        return Response(ChainLinkSerializer(chain, many=True).data)

    @extend_schema(responses=TreeRowSerializer(many=True))
    @action(detail=True)
    def tree(self, request: Request, pk: int) -> Response:
        """The notice and every forwarding below it, depth first, with days per hop."""
        rows = trace.tree(self.get_object(), Notice.objects.published())
        # Plain values: a national tree has thousands of rows, too many for a serializer.
        return Response([TreeRowSerializer.as_data(row) for row in rows])

    @extend_schema(responses=CoverageWithDivisionsSerializer)
    @action(detail=True)
    def coverage(self, request: Request, pk: int) -> Response:
        """Which authorities below the issuer have forwarded the notice, by region."""
        notice = self.get_object()
        coverage = region_coverage(notice, Notice.objects.published(), every_authority=True)
        # Plain values, not serializer objects: a national notice has thousands of rows.
        regions, by_level = authority_regions(coverage)
        data = {"notice": notice.pk, "by_level": by_level, "regions": regions}
        return Response(data | {"divisions": divisions_data(coverage)})
