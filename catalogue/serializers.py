"""Read-only representations of the catalogue for API v1. Explicit fields only."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .editions import edition_completeness
from .models import Adjustment, Edition, EditionEntry, Qualification


class NameListField(serializers.ListField):
    """The names of a prefetched relation, e.g. departments or aliases."""

    child = serializers.CharField()

    def to_representation(self, manager):
        return [item.name for item in manager.all()]


class SubItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = Qualification
        fields = ["id", "name", "status"]


class QualificationSerializer(serializers.ModelSerializer):
    departments = NameListField(read_only=True)
    aliases = NameListField(read_only=True)
    sub_items = SubItemSerializer(many=True, read_only=True)
    editions = serializers.SerializerMethodField()

    class Meta:
        model = Qualification
        fields = [
            "id",
            "name",
            "name_en",
            "category",
            "kind",
            "status",
            "departments",
            "aliases",
            "sub_items",
            "editions",
            "retired_on",
            "verified",
            "source",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_editions(self, qualification) -> list[int]:
        return sorted(entry.edition.year for entry in qualification.entries.all())


class QualificationEntrySerializer(serializers.ModelSerializer):
    """How one edition listed a qualification."""

    edition = serializers.IntegerField(source="edition.year", read_only=True)

    class Meta:
        model = EditionEntry
        fields = ["edition", "seq", "name", "category", "kind", "verified", "verification"]


class AdjustmentSerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(source="edition.year", default=None, read_only=True)
    batch = serializers.IntegerField(source="batch.number", default=None, read_only=True)

    class Meta:
        model = Adjustment
        fields = ["action", "effective_on", "document", "reason", "edition", "batch"]


class QualificationDetailSerializer(QualificationSerializer):
    kind_explained = serializers.CharField(read_only=True)
    entries = QualificationEntrySerializer(many=True, read_only=True)
    adjustments = AdjustmentSerializer(many=True, read_only=True)
    retirement_batch = serializers.IntegerField(
        source="retirement_batch.number", default=None, read_only=True
    )

    class Meta(QualificationSerializer.Meta):
        fields = [
            *QualificationSerializer.Meta.fields,
            "parent",
            "kind_explained",
            "legal_basis",
            "remarks",
            "verification",
            "note",
            "entries",
            "adjustments",
            "retirement_document",
            "retirement_reason",
            "retirement_batch",
            "successor",
            "successor_equivalent",
        ]


class CompletenessSerializer(serializers.Serializer):
    label = serializers.CharField()
    held = serializers.IntegerField(
        help_text="Rows whose core is official (official, official-partial)."
    )
    official = serializers.IntegerField()
    rows = serializers.IntegerField(help_text="Rows held; not a measure of completeness.")
    levels = serializers.DictField(
        source="levels_by_code",
        child=serializers.IntegerField(),
        help_text="Rows per verification level.",
    )


class EditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = [
            "year",
            "title",
            "announced_on",
            "announcing_document",
            "official_total",
            "official_pt_access",
            "official_pt_level",
            "official_skilled_access",
            "official_skilled_level",
            "official_skilled_total",
            "source",
        ]


class EditionEntrySerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="qualification.parent_id", read_only=True)

    class Meta:
        model = EditionEntry
        fields = [
            "seq",
            "qualification",
            "parent",
            "name",
            "category",
            "kind",
            "departments",
            "legal_basis",
            "remarks",
            "verified",
            "verification",
            "note",
            "source",
        ]


class EditionDetailSerializer(EditionSerializer):
    completeness = serializers.SerializerMethodField()
    entries = EditionEntrySerializer(many=True, read_only=True)

    class Meta(EditionSerializer.Meta):
        fields = [*EditionSerializer.Meta.fields, "completeness", "entries"]

    @extend_schema_field(CompletenessSerializer(many=True))
    def get_completeness(self, edition) -> list[dict]:
        return CompletenessSerializer(edition_completeness(edition), many=True).data


class ChangeRowSerializer(serializers.Serializer):
    change = serializers.CharField()
    qualification = serializers.IntegerField(source="qualification.pk")
    parent = serializers.IntegerField(source="qualification.parent_id", allow_null=True)
    before = QualificationEntrySerializer(allow_null=True)
    after = QualificationEntrySerializer(allow_null=True)
    why = AdjustmentSerializer(many=True, read_only=True)


class GroupChangeSerializer(AdjustmentSerializer):
    group = serializers.CharField(source="changes.group", default="", read_only=True)

    class Meta(AdjustmentSerializer.Meta):
        fields = [*AdjustmentSerializer.Meta.fields, "group"]


class ComparisonSerializer(serializers.Serializer):
    older = serializers.IntegerField(source="older.year")
    newer = serializers.IntegerField(source="newer.year")
    counts = serializers.DictField(child=serializers.IntegerField())
    changes = ChangeRowSerializer(many=True)
    group_changes = GroupChangeSerializer(many=True)
