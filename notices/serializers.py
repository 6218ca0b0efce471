from rest_framework import serializers

from authorities.models import Authority

from .models import Notice


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "name", "level", "division_code"]


class NoticeSerializer(serializers.ModelSerializer):
    issuer = AuthoritySerializer(read_only=True)
    forwards = serializers.PrimaryKeyRelatedField(read_only=True)
    forwards_doc_number = serializers.CharField(source="forwards.doc_number", default=None)
    url = serializers.HyperlinkedIdentityField(view_name="api-notice-detail")

    class Meta:
        model = Notice
        fields = [
            "id",
            "url",
            "doc_number",
            "prefix",
            "year",
            "serial",
            "title",
            "issuer",
            "issued_on",
            "recipients",
            "body",
            "opinions",
            "contacts",
            "disclosure",
            "attachments",
            "forwards",
            "forwards_doc_number",
            "published_at",
        ]


class ChainLinkSerializer(serializers.ModelSerializer):
    issuer = AuthoritySerializer(read_only=True)

    class Meta:
        model = Notice
        fields = ["id", "doc_number", "title", "issuer", "issued_on", "forwards"]


class TreeRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="notice.pk")
    doc_number = serializers.CharField(source="notice.doc_number")
    title = serializers.CharField(source="notice.title")
    issuer = serializers.CharField(source="notice.issuer.name")
    issuer_level = serializers.CharField(source="notice.issuer.level")
    issued_on = serializers.DateField(source="notice.issued_on")
    forwards = serializers.IntegerField(source="notice.forwards_id", allow_null=True)
    depth = serializers.IntegerField()
    days = serializers.IntegerField(allow_null=True, help_text="days after the forwarded notice")
    days_from_root = serializers.IntegerField(allow_null=True)


class CoverageRowSerializer(serializers.Serializer):
    authority = AuthoritySerializer()
    forwarded = serializers.BooleanField()
    notice = serializers.IntegerField(source="notice.pk", default=None)
    doc_number = serializers.CharField(source="notice.doc_number", default=None)
    days = serializers.IntegerField(allow_null=True)


class RegionSerializer(serializers.Serializer):
    name = serializers.CharField()
    forwarded = serializers.IntegerField()
    rows = CoverageRowSerializer(many=True)


class CoverageSerializer(serializers.Serializer):
    notice = serializers.IntegerField(source="notice.pk")
    regions = RegionSerializer(many=True)
