import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django_ratelimit import ALL
from django_ratelimit.exceptions import Ratelimited
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.dbrouting import reads_only
from portal.ratelimits import limit_exceeded, limited, limits_counting
from portal.views import ratelimited

from .checkbulk import BulkFileError, bulk_check
from .checking import certificate_check_answer
from .forms import CheckQueryForm, light_check_query
from .serializers import (
    BulkCheckRequestSerializer,
    BulkCheckResponseSerializer,
    CertificateCheckSerializer,
    CertificateVerificationRequestSerializer,
    CertificateVerificationSerializer,
    CheckQuerySerializer,
)
from .throttling import (
    VERIFY_LIMITS,
    CheckRateThrottle,
    json_body,
    light_verification_request,
)
from .verification import certificate_verify, certificate_verify_token, verification_answer
from .views import bulk_file_response

_UTF8 = {"json_dumps_params": {"ensure_ascii": False}}
_JSON = JSONRenderer()
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CertificateCheckView(APIView):
    """Is a certificate of this name a national qualification, and of which kind?

    The hot path: the query is read by a plain form and the answer is ``as_dict()`` as
    plain JSON (no DRF serializer per request); the serializers only document it, and a test
    keeps the two identical."""

    permission_classes = []
    throttle_classes = [CheckRateThrottle]

    def perform_content_negotiation(self, request: Request, force: bool = False):
        """It answers JSON whatever the client accepts (a JsonResponse, its errors and a
        throttled 429 too), so DRF's negotiation over the renderers is skipped."""
        return _JSON, _JSON.media_type

    @extend_schema(
        parameters=[CheckQuerySerializer],
        responses={200: CertificateCheckSerializer, 400: OpenApiTypes.OBJECT},
        operation_id="certificate_check",
    )
    def get(self, request: Request) -> JsonResponse:
        given = light_check_query(request.query_params)
        if given is None:  # the form says what is wrong, or reads the date
            query = CheckQueryForm(request.query_params)
            if not query.is_valid():
                errors = {field: [str(e) for e in found] for field, found in query.errors.items()}
                return JsonResponse(errors, status=400)
            given = query.cleaned_data
        return JsonResponse(certificate_check_answer(**given), **_UTF8)


class CertificateCheckBulkView(APIView):
    """Check up to 1,000 certificates from a CSV; answers as JSON, CSV or XLSX. Nothing is
    stored."""

    permission_classes = []
    authentication_classes = []  # anonymous by design: no session, so no CSRF token needed
    throttle_classes = []  # limited per IP by CERTIFICATE_CHECK_BULK_RATE instead
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": BulkCheckRequestSerializer},
        responses={
            200: BulkCheckResponseSerializer,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, _XLSX): OpenApiTypes.BINARY,
            400: OpenApiTypes.OBJECT,
        },
        operation_id="certificate_check_bulk",
    )
    @limited("certificates-check-bulk", "CERTIFICATE_CHECK_BULK_RATE")
    def post(self, request: Request) -> Response:
        given = BulkCheckRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            result = bulk_check(raw=given.validated_data["file"].read())
        except BulkFileError as exc:
            return Response({"file": [str(exc)]}, status=400)
        output = given.validated_data["output"]
        if output != "json":
            return bulk_file_response(result, output)
        rows = [
            {"line": r.line, "input": r.values, "error": r.error, "answer": r.answer or None}
            for r in result.rows
        ]
        return Response(
            {
                "checked_at": result.checked_at,
                "data_version": result.data_version,
                "errors": result.errors,
                "rows": rows,
            }
        )


@reads_only
class CertificateVerificationView(APIView):
    """Verify one issued certificate by its number and its holder's name or identity number."""

    # The hot path: a JSON POST is answered in `dispatch` without DRF's request, serializer
    # and renderer (one Redis round trip for both limits, one precompiled query, the answer
    # built by hand). Anything else, and every request that is not plainly valid, goes on
    # to DRF's `post`, so error answers and the schema stay exactly as they were.

    permission_classes = []
    authentication_classes = []  # anonymous by design: no session, so no CSRF token needed
    throttle_classes = []  # limited per IP by CERTIFICATE_VERIFY_RATE instead

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        body = json_body(request) if request.method == "POST" else None
        if body is None or "text/html" in request.headers.get("Accept", ""):
            return super().dispatch(request, *args, **kwargs)
        # The counters travel to Redis while the query runs; the answer is built, but
        # never sent, before Redis has said the request is within its limits.
        with limits_counting(request, VERIFY_LIMITS) as exceeded:
            given = light_verification_request(body)
            answer = None if given is None else verification_answer(certificate_verify(**given))
            if exceeded():
                return ratelimited(request, Ratelimited())
        if answer is None:  # DRF says what is wrong, counted once already
            request.verification_counted = True
            return super().dispatch(request, *args, **kwargs)
        return HttpResponse(_compact_json(answer), content_type="application/json")

    @extend_schema(
        request=CertificateVerificationRequestSerializer,
        responses=CertificateVerificationSerializer,
    )
    def post(self, request: Request) -> Response:
        counted = getattr(request, "verification_counted", False)
        if not counted and limit_exceeded(request, VERIFY_LIMITS):
            return ratelimited(request, Ratelimited())
        given = CertificateVerificationRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return Response(verification_answer(certificate_verify(**given.validated_data)))


def _compact_json(data) -> bytes:
    """As DRF's JSONRenderer writes it: UTF-8, no spaces."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


class CertificateVerificationLinkView(APIView):
    """The answer of a signed verification link (the QR code on a certificate)."""

    permission_classes = []
    authentication_classes = []
    throttle_classes = []  # limited per IP by CERTIFICATE_VERIFY_RATE instead

    @extend_schema(responses=CertificateVerificationSerializer)
    @limited("certificates-verify-link", "CERTIFICATE_VERIFY_RATE", method=ALL)
    def get(self, request: Request, token: str) -> Response:
        result = certificate_verify_token(token)
        if result is None:
            return Response({"detail": "forged or damaged verification link"}, status=404)
        return Response(CertificateVerificationSerializer(result).data)
