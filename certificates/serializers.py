from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from catalogue.models import CancellationBatch, Edition, Qualification
from catalogue.text import normalise

from .explain import VERIFY_NOTE
from .kinds import CertificateKind
from .rules import RULE_6_TEXT, rule_6_report_url
from .verdicts import Verdict
from .verification import Outcome


class CheckQuerySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text="The certificate's name as printed.")
    issuer = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True, help_text="Its issuer."
    )
    issued_on = serializers.DateField(
        required=False, default=None, allow_null=True, help_text="Its issue date, YYYY-MM-DD."
    )
    number = serializers.CharField(
        max_length=64, required=False, default="", allow_blank=True, help_text="Its number."
    )

    def validate(self, data: dict) -> dict:
        for key in ("name", "issuer", "number"):
            if "\x00" in data[key]:
                raise serializers.ValidationError({key: "must not contain NUL characters"})
            data[key] = data[key].strip()
        if not data["name"]:
            raise serializers.ValidationError({"name": "This field may not be blank."})
        return data


class CheckBatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = CancellationBatch
        fields = ["number", "decided_on", "published_on", "document"]


class CheckQualificationRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Qualification
        fields = ["id", "name", "url"]

    def get_url(self, q: Qualification) -> str:
        return reverse("catalogue:qualification-detail", args=[q.pk])


class CheckQualificationSerializer(CheckQualificationRefSerializer):
    parent = CheckQualificationRefSerializer(allow_null=True)
    successor = CheckQualificationRefSerializer(allow_null=True)
    retirement_batch = CheckBatchSerializer(allow_null=True)

    class Meta:
        model = Qualification
        fields = [
            *CheckQualificationRefSerializer.Meta.fields,
            *("parent", "category", "kind", "status", "retired_on", "retirement_document"),
            *("retirement_batch", "retirement_reason", "successor", "verification", "note"),
        ]


class CheckEditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = ["year", "title", "announced_on", "announcing_document"]


class CheckCandidateSerializer(serializers.Serializer):
    qualification = CheckQualificationRefSerializer()
    matched_name = serializers.CharField()
    score = serializers.FloatField()


class VerifyAtSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()
    what_to_enter = serializers.CharField(allow_blank=True)


class WarningSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            "forbidden_wording",
            "issuer_not_department",
            "skill_level_for_access_occupation",
            "skill_level_title",
            "special_ability_title",
            "number_structure",
            "issued_after_exit",
        ]
    )
    message = serializers.CharField()
    rule = serializers.CharField(help_text="The document or provision the warning rests on.")
    source = serializers.CharField(allow_blank=True, help_text="Where the data row comes from.")


class OptionSerializer(serializers.Serializer):
    certificate = serializers.CharField()
    issued_by = serializers.CharField()
    licenses_work = serializers.BooleanField()
    catalogue_item = CheckQualificationRefSerializer(allow_null=True)
    verify_at = VerifyAtSerializer(many=True)
    verification = serializers.CharField()


class ValiditySerializer(serializers.Serializer):
    left_on = serializers.DateField(allow_null=True)
    document = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    certificates_issued_before = serializers.CharField(allow_blank=True)
    issued_while_listed = serializers.BooleanField(
        allow_null=True, help_text="Whether issued_on falls before the exit; null if unknown."
    )


class RestsOnSerializer(serializers.Serializer):
    edition = serializers.IntegerField(allow_null=True, required=False, default=None)
    document = serializers.CharField(allow_blank=True, required=False, default="")
    verification = serializers.CharField(allow_blank=True, required=False, default="")
    reconstructed = serializers.BooleanField(required=False, default=False)


class CertificateCheckSerializer(serializers.Serializer):
    """The check's answer; ``CheckResult.as_dict()`` is exactly this."""

    name = serializers.CharField()
    issuer = serializers.CharField()
    issued_on = serializers.DateField(allow_null=True)
    number = serializers.CharField()
    certificate_kind = serializers.ChoiceField(choices=[k.value for k in CertificateKind])
    verdict = serializers.ChoiceField(choices=[v.value for v in Verdict])
    licenses_work = serializers.BooleanField(
        allow_null=True, help_text="只有准入类职业资格才必须持证上岗; null when not known."
    )
    reason = serializers.CharField()
    next_step = serializers.CharField()
    question = serializers.CharField(allow_blank=True)
    certain = serializers.BooleanField()
    match_method = serializers.CharField()
    qualification = CheckQualificationSerializer(allow_null=True)
    edition = CheckEditionSerializer(allow_null=True, help_text="The edition the verdict rests on.")
    listed_in = serializers.ListField(child=serializers.IntegerField())
    rests_on = RestsOnSerializer()
    validity = ValiditySerializer(allow_null=True)
    forbidden_wording = serializers.BooleanField()
    forbidden_words_in_name = serializers.SerializerMethodField()
    forbidden_words_in_issuer = serializers.SerializerMethodField()
    rule = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()
    warnings = WarningSerializer(many=True)
    verify_at = VerifyAtSerializer(many=True)
    verify_note = serializers.SerializerMethodField()
    verification = serializers.SerializerMethodField()
    options = OptionSerializer(many=True)
    candidates = CheckCandidateSerializer(many=True)
    checked_at = serializers.DateTimeField()
    data_version = serializers.CharField()

    def get_forbidden_words_in_name(self, result) -> list[str]:
        return _words(result, "name")

    def get_forbidden_words_in_issuer(self, result) -> list[str]:
        return _words(result, "issuer")

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_rule(self, result) -> dict | None:
        warning = next((w for w in result.warnings if w.code == "forbidden_wording"), None)
        if warning is None:
            return None
        return {"document": warning.rule, "provision": RULE_6_TEXT, "explanation": warning.message}

    def get_report_url(self, result) -> str | None:
        if not result.forbidden_wording:
            return None
        return rule_6_report_url(name=result.name, issuer=result.issuer)

    def get_verify_note(self, result) -> str:
        return str(VERIFY_NOTE) if result.verify_at else ""

    def get_verification(self, result) -> str:
        if result.verify_at:
            return "；".join(f"{s['name']} {s['url']}" for s in result.verify_at)
        return ""


def _words(result, where: str) -> list[str]:
    text = normalise(result.name if where == "name" else result.issuer)
    words = []
    for warning in result.warnings:
        if warning.code == "forbidden_wording":
            words += [w for w in warning.words if normalise(w) in text]
    return list(dict.fromkeys(words))


class BulkCheckRequestSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV, UTF-8 or GB18030, header name,issuer,issued_on,number; ≤ 1,000 rows."
    )
    output = serializers.ChoiceField(choices=["json", "csv", "xlsx"], default="json")

    def validate_file(self, upload):
        from .checkbulk import MAX_BYTES

        if upload.size > MAX_BYTES:
            raise serializers.ValidationError("file too large (limit 1 MB, about 1,000 rows)")
        return upload


class BulkRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    input = serializers.DictField(child=serializers.CharField())
    error = serializers.CharField(allow_blank=True)
    answer = CertificateCheckSerializer(allow_null=True)


class BulkCheckResponseSerializer(serializers.Serializer):
    checked_at = serializers.CharField()
    data_version = serializers.CharField()
    errors = serializers.IntegerField()
    rows = BulkRowSerializer(many=True)


class CertificateVerificationRequestSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=64)
    holder_name = serializers.CharField(max_length=100, required=False, default="")
    identity_number = serializers.CharField(max_length=40, required=False, default="")

    def validate(self, data: dict) -> dict:
        if not (data["holder_name"].strip() or data["identity_number"].strip()):
            raise serializers.ValidationError("give holder_name or identity_number")
        return data


class VerifiedQualificationSerializer(serializers.Serializer):
    """A plain (not model) serializer: verification is a hot path."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, q: Qualification) -> str:
        return reverse("catalogue:qualification-detail", args=[q.pk])


class CertificateVerificationSerializer(serializers.Serializer):
    """Only what the asker may learn: qualification, issuer, date and status."""

    outcome = serializers.ChoiceField(choices=[o.value for o in Outcome])
    qualification = VerifiedQualificationSerializer(
        source="certificate.qualification", default=None
    )
    issuer = serializers.CharField(source="certificate.issuer", default=None)
    issued_on = serializers.DateField(source="certificate.issued_on", default=None)
