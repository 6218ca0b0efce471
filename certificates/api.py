from django_ratelimit import ALL
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.ratelimits import limited

from .serializers import (
    CertificateCheckSerializer,
    CertificateVerificationRequestSerializer,
    CertificateVerificationSerializer,
    CheckQuerySerializer,
)
from .throttling import number_asked
from .verdicts import certificate_check
from .verification import certificate_verify, certificate_verify_token


class CertificateCheckView(APIView):
    """Is a certificate of this name a national qualification, and of which kind?"""

    permission_classes = []

    @extend_schema(
        parameters=[CheckQuerySerializer],
        responses=CertificateCheckSerializer,
        operation_id="certificate_check",
    )
    def get(self, request: Request) -> Response:
        query = CheckQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(CertificateCheckSerializer(certificate_check(**query.validated_data)).data)


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
