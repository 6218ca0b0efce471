from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.ratelimits import limited

from .checking import advert_check
from .serializers import AdvertCheckRequestSerializer, AdvertCheckSerializer

# A 20,000-character advert as JSON, escaped at worst: no body needs more.
MAX_BODY_BYTES = 256 * 1024


class AdvertCheckView(APIView):
    """Read a job or training advert the way the rules read it. Nothing is stored."""

    permission_classes = []
    authentication_classes = []  # anonymous and read-only: no session, so no CSRF token
    # CPU-bound: limited per client like the certificate check page, on top of the API throttle.

    @extend_schema(
        request=AdvertCheckRequestSerializer,
        responses=AdvertCheckSerializer,
        operation_id="advert_check",
    )
    @limited("adverts-check-api", "CERTIFICATE_CHECK_RATE")
    def post(self, request: Request) -> Response:
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return Response({"text": ["advert too long: at most 20,000 characters"]}, status=413)
        given = AdvertCheckRequestSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        # The answer is built JSON-ready by AdvertCheck.as_dict; the serializer documents it
        # (the schema) without being run on it, which cost ~10 ms for a long advert.
        return Response(advert_check(**given.validated_data).as_dict())
