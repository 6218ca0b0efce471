from django.urls import reverse
from rest_framework import serializers

from catalogue.models import CancellationBatch, Edition, Qualification

from .explain import check_reason, forbidden_wording_text, verification_text
from .rules import RULE_6_DOCUMENT, RULE_6_TEXT
from .verdicts import Verdict, VerifyAt
from .verification import Outcome


class CheckQuerySerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text="The certificate's name as printed.")
    issuer = serializers.CharField(
        max_length=200, required=False, default="", allow_blank=True, help_text="Its issuer."
    )


class CheckBatchSerializer(serializers.ModelSerializer):
    class Meta:
        model = CancellationBatch
        fields = ["number", "decided_on", "document"]


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
            *("retirement_batch", "retirement_reason", "successor"),
        ]


class CheckEditionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Edition
        fields = ["year", "title", "announced_on", "announcing_document"]


class CheckCandidateSerializer(serializers.Serializer):
    qualification = CheckQualificationRefSerializer()
    matched_name = serializers.CharField()
    score = serializers.FloatField()


class CertificateCheckSerializer(serializers.Serializer):
    name = serializers.CharField()
    issuer = serializers.CharField()
    verdict = serializers.ChoiceField(choices=[v.value for v in Verdict])
    reason = serializers.SerializerMethodField()
    certain = serializers.BooleanField(source="match.certain")
    match_method = serializers.CharField(source="match.method")
    qualification = CheckQualificationSerializer(allow_null=True)
    edition = CheckEditionSerializer(allow_null=True, help_text="The edition the verdict rests on.")
    listed_in = serializers.ListField(child=serializers.IntegerField())
    forbidden_wording = serializers.BooleanField()
    forbidden_words_in_name = serializers.ListField(
        source="wording.in_name", child=serializers.CharField()
    )
    forbidden_words_in_issuer = serializers.ListField(
        source="wording.in_issuer", child=serializers.CharField()
    )
    rule = serializers.SerializerMethodField()
    report_url = serializers.SerializerMethodField()
    verify_at = serializers.ChoiceField(choices=[v.value for v in VerifyAt])
    verification = serializers.SerializerMethodField()
    candidates = CheckCandidateSerializer(many=True)

    def get_reason(self, check) -> str:
        return check_reason(check)

    def get_verification(self, check) -> str:
        return verification_text(check)

    def get_rule(self, check) -> dict | None:
        if not check.forbidden_wording:
            return None
        text = forbidden_wording_text(check)
        return {"document": RULE_6_DOCUMENT, "provision": RULE_6_TEXT, "explanation": text}

    def get_report_url(self, check) -> str | None:
        return check.report_url if check.forbidden_wording else None


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
