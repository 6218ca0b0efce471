from django.http import JsonResponse
from django_ratelimit import ALL
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.ratelimits import limited

from .checkbulk import BulkFileError, bulk_check
from .checking import certificate_check
from .forms import CheckQueryForm
from .serializers import (
    BulkCheckRequestSerializer,
    BulkCheckResponseSerializer,
    CertificateCheckSerializer,
    CertificateVerificationRequestSerializer,
    CertificateVerificationSerializer,
    CheckQuerySerializer,
)
from .throttling import OneTripRateThrottle, number_asked
from .verification import certificate_verify, certificate_verify_token
from .views import bulk_file_response

_UTF8 = {"json_dumps_params": {"ensure_ascii": False}}
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CertificateCheckView(APIView):
    """Is a certificate of this name a national qualification, and of which kind?

    The hot path: the query is read by a plain form and the answer is ``as_dict()`` as
    plain JSON (no DRF serializer per request); the serializers only document it, and a test
    keeps the two identical."""

    permission_classes = []
    throttle_classes = [OneTripRateThrottle]

    @extend_schema(
        parameters=[CheckQuerySerializer],
        responses={200: CertificateCheckSerializer, 400: OpenApiTypes.OBJECT},
        operation_id="certificate_check",
    )
    def get(self, request: Request) -> JsonResponse:
        query = CheckQueryForm(request.query_params)
        if not query.is_valid():
            errors = {field: [str(e) for e in found] for field, found in query.errors.items()}
            return JsonResponse(errors, status=400)
        return JsonResponse(certificate_check(**query.cleaned_data).as_dict(), **_UTF8)


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


class CertificateVerificationView(APIView):
    """Verify one issued certificate by its number and its holder's name or identity number."""

    permission_classes = []
    authentication_classes = []  # anonymous by design: no session, so no CSRF token needed
    throttle_classes = []  # limited per IP by CERTIFICATE_VERIFY_RATE instead

    @extend_schema(
        request=CertificateVerificationRequestSerializer,
        responses=CertificateVerificationSerializer,
    )
    @limited("certificates-verify", "CERTIFICATE_VERIFY_RATE")
    @limited("certificates-verify-number", "CERTIFICATE_VERIFY_NUMBER_RATE", key=number_asked)
    def post(self, request: Request) -> Response:
        given = CertificateVerificationRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        return Response(
            CertificateVerificationSerializer(certificate_verify(**given.validated_data)).data
        )


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
