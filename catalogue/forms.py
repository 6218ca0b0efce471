from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Qualification


class AdjustmentRecordMixin(forms.Form):
    """The approval behind a change, written to the adjustment log with it."""

    effective_on = forms.DateField(label=_("生效日期"), required=False)
    document = forms.CharField(label=_("批准文件"), max_length=120, required=False)
    reason = forms.CharField(label=_("调整原因或说明"), widget=forms.Textarea(attrs={"rows": 2}))


class QualificationAdminForm(AdjustmentRecordMixin, forms.ModelForm):
    class Meta:
        model = Qualification
        fields = [
            "name",
            "name_en",
            "parent",
            "category",
            "kind",
            "departments",
            "legal_basis",
            "remarks",
            "source",
            "verified",
        ]


class RetireForm(forms.Form):
    retired_on = forms.DateField(label=_("退出或取消日期"))
    document = forms.CharField(label=_("批准文件"), max_length=120)
    reason = forms.CharField(label=_("原因"), widget=forms.Textarea(attrs={"rows": 3}))
    successor = forms.ModelChoiceField(
        label=_("承接的职业资格（可选）"),
        queryset=Qualification.objects.items().listed(),
        required=False,
    )
    successor_equivalent = forms.BooleanField(label=_("与承接资格等效"), required=False)
