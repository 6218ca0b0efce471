"""API shapes of the public report endpoints. No business rules here: see services.py."""

from rest_framework import serializers

from .models import Case, Status, ViolationType
from .uploads import MAX_FILES


class ReportSubmitSerializer(serializers.Serializer):
    violation_type = serializers.ChoiceField(choices=ViolationType.choices)
    organisation = serializers.CharField(max_length=200)
    region_code = serializers.RegexField(r"^[1-9][0-9]{5}$")
    qualification_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000)
    contact = serializers.CharField(max_length=300, required=False, allow_blank=True)
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES
    )


class ReceiptSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()
    status = serializers.CharField()
    authority = serializers.CharField()
    received_at = serializers.DateTimeField()
    notice = serializers.CharField()


class TrackRequestSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(max_length=40)


class AddInformationSerializer(TrackRequestSerializer):
    text = serializers.CharField(max_length=5000)
    evidence = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=MAX_FILES
    )


class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    title = serializers.CharField()
    body = serializers.CharField()
    kind = serializers.CharField()


class TrackSerializer(serializers.Serializer):
    """What the reporter may see of their case: no internal notes, no officers' names."""

    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    violation_type = serializers.CharField()
    organisation = serializers.CharField()
    authority = serializers.CharField(source="authority.name")
    received_at = serializers.DateTimeField(source="created_at")
    due_at = serializers.DateTimeField()
    accept_by = serializers.DateTimeField(
        source="deadlines.accept_by", help_text="受理期限：此前决定是否受理"
    )
    answer_by = serializers.DateTimeField(
        source="deadlines.answer_by", help_text="答复期限：此前作出处理结论并答复"
    )
    outcome = serializers.CharField()
    measures = serializers.CharField()
    reject_reason = serializers.CharField()
    is_open = serializers.BooleanField()
    timeline = TimelineEntrySerializer(many=True)


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_type = StatisticsRowSerializer(many=True)
    by_region = StatisticsRowSerializer(many=True)
    by_status = StatisticsRowSerializer(many=True)
    by_month = StatisticsRowSerializer(many=True)


class CaseSerializer(serializers.ModelSerializer):
    """A case in the officers' queue. Never the reporter's contact details."""

    authority = serializers.CharField(source="authority.name")
    # Plain text, not an enum: "status" would collide with the catalogue's status enum
    # in the OpenAPI components.
    status = serializers.CharField(help_text=" / ".join(Status.values))
    is_overdue = serializers.BooleanField()
    has_match = serializers.BooleanField()

    class Meta:
        model = Case
        fields = [
            "id", "violation_type", "organisation", "region_code", "qualification",
            "qualification_name", "authority", "status", "outcome", "reject_reason",
            "created_at", "status_changed_at", "due_at", "is_overdue", "has_match",
        ]  # fmt: skip
