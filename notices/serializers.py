from rest_framework import serializers

from authorities.models import Authority

from .models import Notice


class AuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = Authority
        fields = ["id", "name", "level", "division_code"]


class NoticeSerializer(serializers.ModelSerializer):
    issuer = AuthoritySerializer(read_only=True)
    forwards = serializers.SerializerMethodField()
    forwards_doc_number = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api-notice-detail")

    def _public_parent(self, notice: Notice) -> Notice | None:
        """The forwarded notice, only when the public may see it (a draft or a notice
        marked 不予公开 is not named, not even by its number)."""
        parent = notice.forwards
        return parent if parent is not None and parent.is_public else None

    def get_forwards(self, notice: Notice) -> int | None:
        parent = self._public_parent(notice)
        return parent.pk if parent else None

    def get_forwards_doc_number(self, notice: Notice) -> str | None:
        parent = self._public_parent(notice)
        return parent.doc_number if parent else None

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
    forwards = serializers.SerializerMethodField()

    def get_forwards(self, notice: Notice) -> int | None:
        parent = notice.forwards
        return parent.pk if parent is not None and parent.is_public else None

    class Meta:
        model = Notice
        fields = ["id", "doc_number", "title", "issuer", "issued_on", "forwards"]


class TreeRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    doc_number = serializers.CharField()
    title = serializers.CharField()
    issuer = serializers.CharField(source="issuer_name")
    issuer_level = serializers.CharField()
    issuer_division_code = serializers.CharField(source="issuer_code")
    issued_on = serializers.DateField(allow_null=True)
    forwards = serializers.IntegerField(source="forwards_id", allow_null=True)
    depth = serializers.IntegerField()
    days = serializers.IntegerField(allow_null=True, help_text="days after the forwarded notice")
    days_from_root = serializers.IntegerField(allow_null=True)

    @staticmethod
    def as_data(row) -> dict:
        """The same fields as `to_representation`, built directly (see the tree endpoint)."""
        return {
            "id": row.id,
            "doc_number": row.doc_number,
            "title": row.title,
            "issuer": row.issuer_name,
            "issuer_level": row.issuer_level,
            "issuer_division_code": row.issuer_code,
            "issued_on": row.issued_on.isoformat() if row.issued_on else None,
            "forwards": row.forwards_id,
            "depth": row.depth,
            "days": row.days,
            "days_from_root": row.days_from_root,
        }


class CoverageAuthoritySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    level = serializers.CharField()
    division_code = serializers.CharField()


class CoverageRowSerializer(serializers.Serializer):
    authority = CoverageAuthoritySerializer()
    forwarded = serializers.BooleanField()
    notice = serializers.IntegerField(allow_null=True)
    doc_number = serializers.CharField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    days = serializers.IntegerField(allow_null=True)


class RegionSerializer(serializers.Serializer):
    name = serializers.CharField()
    forwarded = serializers.IntegerField()
    rows = CoverageRowSerializer(many=True)


class LevelSummarySerializer(serializers.Serializer):
    level = serializers.CharField()
    forwarded = serializers.IntegerField()
    total = serializers.IntegerField()


class CoverageSerializer(serializers.Serializer):
    """Documents the coverage payload (built as plain dicts by `coverage.authority_regions`)."""

    notice = serializers.IntegerField()
    by_level = LevelSummarySerializer(many=True)
    regions = RegionSerializer(many=True)


class DivisionCoverageSerializer(serializers.Serializer):
    """One GB/T 2260 division below the issuer: forwarded, reminded or no record."""

    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    parent = serializers.CharField(allow_null=True)
    status = serializers.CharField(help_text="forwarded, reminded or no_record")
    notice = serializers.IntegerField(allow_null=True)
    doc_number = serializers.CharField()
    forwarded_on = serializers.DateField(allow_null=True)
    days = serializers.IntegerField(allow_null=True, help_text="days after the notice's date")
    reminded_on = serializers.DateTimeField(allow_null=True)


class CoverageWithDivisionsSerializer(CoverageSerializer):
    divisions = DivisionCoverageSerializer(many=True)


def divisions_data(coverage) -> list[dict]:
    """The divisions as plain values ("no_record" never means "not forwarded")."""
    return [
        {
            "code": row.code,
            "name": row.name,
            "level": row.level,
            "parent": row.parent,
            "status": row.status,
            "notice": row.notice_id,
            "doc_number": row.doc_number,
            "forwarded_on": row.forwarded_on.isoformat() if row.forwarded_on else None,
            "days": row.days,
            "reminded_on": row.reminded_on.isoformat() if row.reminded_on else None,
        }
        for row in coverage.all_rows
    ]
