"""The API's request and answer; the answer is :meth:`AdvertCheck.as_dict` as documented."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from .checking import advert_text_validate
from .findings import AdvertType, Category, Confidence, Requirement


class AdvertCheckRequestSerializer(serializers.Serializer):
    text = serializers.CharField(
        trim_whitespace=False, help_text="The advert's text, up to 20,000 characters."
    )
    advert_type = serializers.ChoiceField(
        choices=[t.value for t in AdvertType],
        required=False,
        allow_null=True,
        help_text="What the advert is; guessed from the text when absent.",
    )

    def validate_text(self, text: str) -> str:
        try:
            return advert_text_validate(text)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error


class FindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    # A plain string in the schema: an enum named "category" would clash with the catalogue's.
    category = serializers.CharField(help_text="One of: " + ", ".join(c.value for c in Category))
    start = serializers.IntegerField(
        help_text="Character offset in the text; 0 and 0 for what is missing."
    )
    end = serializers.IntegerField()
    quote = serializers.CharField()
    sentence = serializers.CharField()
    message = serializers.CharField()
    rule = serializers.CharField(help_text="The provision, quoted.")
    document = serializers.CharField()
    confidence = serializers.ChoiceField(choices=[c.value for c in Confidence])
    report_type = serializers.CharField()
    certificate = serializers.JSONField(
        allow_null=True, help_text="The certificate check's answer where a certificate is involved."
    )
    handled_by = serializers.CharField()
    report_url = serializers.CharField()


class CertificateFoundSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    name = serializers.CharField()
    requirement = serializers.ChoiceField(choices=[r.value for r in Requirement])
    issuer = serializers.CharField()
    issuer_type = serializers.CharField()
    check = serializers.JSONField(help_text="The certificate check's answer (verdict …).")
    note = serializers.CharField()


class AdvertCheckSerializer(serializers.Serializer):
    advert_type = serializers.ChoiceField(choices=[t.value for t in AdvertType])
    guessed_type = serializers.CharField(help_text="The type the text suggests (same values).")
    findings = FindingSerializer(many=True)
    certificates = CertificateFoundSerializer(many=True)
    checked_at = serializers.DateTimeField()
    data_version = serializers.CharField()
