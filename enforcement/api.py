"""Public API: submit a report, follow it with the receipt code, read the statistics.

Writes are open to anyone without an account and limited per client address by
django-ratelimit (not DRF's throttles, so one switch, RATELIMIT_ENABLE, governs both the
pages and the API).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, DjangoModelPermissions, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.filters import YEAR_SCHEMA
from portal.ratelimits import limited

from . import services
from .filters import CaseFilter, StatisticsFilter
from .models import Case, ViolationType
from .serializers import (
    AddInformationSerializer,
    CaseSerializer,
    ReceiptSerializer,
    ReportSubmitSerializer,
    StatisticsSerializer,
    TrackRequestSerializer,
    TrackSerializer,
)
from .statistics import report_statistics
from .submissions import IdempotencyConflict
from .timeline import public_deadlines, public_timeline

RECEIPT_NOTICE = gettext_lazy(
    "请保存回执码：这是查询办理进度和补充材料的唯一凭证，遗失无法找回。"
    "办理机关看不到您的网络地址；只有承办人能看到您自愿填写的联系方式。"
)


def _as_api_error(error: DjangoValidationError) -> ApiValidationError:
    detail = error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages}
    return ApiValidationError(detail)


class PublicWriteView(APIView):
    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = []


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description=(
        "任意 1–255 个可见字符。同一键在 24 小时内重复提交同一份举报，返回第一次的回执；"
        "用于另一份举报则返回 422。"
    ),
)


def _idempotency_key(request) -> str:
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > 255 or not key.isprintable():
        raise ApiValidationError({"Idempotency-Key": [_("应为 1–255 个可见字符。")]})
    return key.strip()


@method_decorator(limited("enforcement-report", "ENFORCEMENT_REPORT_RATE"), name="post")
class ReportCreateAPI(PublicWriteView):
    @extend_schema(
        request=ReportSubmitSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: ReceiptSerializer, 400: None, 422: None},
    )
    def post(self, request):
        key = _idempotency_key(request)
        given = ReportSubmitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        files = data.pop("evidence", [])
        try:
            case, code = services.report_submit(files=files, idempotency_key=key, **data)
        except IdempotencyConflict as error:
            return Response({"detail": error.messages}, status=422)
        except DjangoValidationError as error:
            raise _as_api_error(error) from None
        receipt = {
            "receipt_code": code,
            "status": case.status,
            "authority": case.authority.name,
            "received_at": case.created_at,
            "notice": str(RECEIPT_NOTICE),
        }
        # ReceiptSerializer documents this shape; building one per request costs more
        # than the rest of the view on the hot path of the load benchmark.
        return Response(receipt, status=status.HTTP_201_CREATED)


def _case_by_code(code: str) -> Case:
    case = Case.objects.select_related("authority").by_receipt(code)
    if case is None:
        raise NotFound(_("没有找到与这个回执码对应的举报。"))
    case.timeline = public_timeline(case)
    case.deadlines = public_deadlines(case)
    return case


@method_decorator(limited("enforcement-track", "ENFORCEMENT_TRACK_RATE"), name="post")
class ReportTrackAPI(PublicWriteView):
    """POST, not GET: the receipt code must not end up in URLs and server logs."""

    @extend_schema(request=TrackRequestSerializer, responses={200: TrackSerializer})
    def post(self, request):
        given = TrackRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        case = _case_by_code(given.validated_data["receipt_code"])
        return Response(TrackSerializer(case).data)


@method_decorator(limited("enforcement-track", "ENFORCEMENT_TRACK_RATE"), name="post")
class ReportAddInformationAPI(PublicWriteView):
    @extend_schema(request=AddInformationSerializer, responses={201: TrackSerializer})
    def post(self, request):
        given = AddInformationSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        case = _case_by_code(data["receipt_code"])
        try:
            services.report_add_information(
                case=case, text=data["text"], files=data.get("evidence", [])
            )
        except DjangoValidationError as error:
            raise _as_api_error(error) from None
        case = _case_by_code(data["receipt_code"])
        return Response(TrackSerializer(case).data, status=status.HTTP_201_CREATED)


class ReportStatisticsAPI(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("year", YEAR_SCHEMA, description="只统计这一年收到的举报"),
            OpenApiParameter("violation_type", str, enum=ViolationType.values),
        ],
        responses={200: StatisticsSerializer},
    )
    def get(self, request):
        filterset = StatisticsFilter(request.GET, queryset=Case.objects.all())
        if not filterset.is_valid():
            raise ApiValidationError(filterset.errors)
        return Response(StatisticsSerializer(report_statistics(filterset.qs)).data)


class ViewPermission(DjangoModelPermissions):
    """Reading needs the view permission too (DRF's default lets any user read)."""

    perms_map = {**DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}


class CaseListAPI(ListAPIView):
    """The officer's queue: cases of their authority and its region, overdue first."""

    serializer_class = CaseSerializer
    permission_classes = [IsAuthenticated, ViewPermission]
    filterset_class = CaseFilter

    def get_queryset(self):
        cases = Case.objects.visible_to(self.request.user).select_related("authority")
        return cases.with_queue_flags().queue_order()
