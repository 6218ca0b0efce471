"""Filters shared by the catalogue pages, the exports and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Category, Department, Edition, Kind, Qualification, Status
from .ordering import NUMBER, SORT_CHOICES, qualifications_ordered
from .text import search_key

# Longer than any qualification name with its certificate words; longer input is an error.
QUERY_MAX_LENGTH = 100


def _edition_choices() -> list[tuple[str, str]]:
    editions = Edition.objects.order_by("-year").values_list("year", "title")
    return [(str(year), title) for year, title in editions]


class QualificationFilter(django_filters.FilterSet):
    """Edition, category, kind, department, status and a search over names and aliases."""

    q = django_filters.CharFilter(
        label=_("名称或别名"), method="filter_search", max_length=QUERY_MAX_LENGTH
    )
    # The choices are read once per request in __init__ and serve both the dropdown and
    # the validation (one query, not one for each); the callable serves the API schema.
    edition = django_filters.ChoiceFilter(
        label=_("版本"),
        choices=lambda: _edition_choices(),
        field_name="entries__edition__year",
        empty_label=_("全部版本"),
    )
    category = django_filters.ChoiceFilter(
        label=_("类别"),
        choices=Category.choices,
        method="filter_classified",
        empty_label=_("全部类别"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("类型"), choices=Kind.choices, method="filter_classified", empty_label=_("全部类型")
    )
    department = django_filters.ModelChoiceFilter(
        label=_("实施部门"),
        queryset=Department.objects.all(),
        field_name="departments",
        empty_label=_("全部部门"),
    )
    status = django_filters.ChoiceFilter(
        label=_("状态"), choices=Status.choices, empty_label=_("全部状态")
    )
    sort = django_filters.ChoiceFilter(
        label=_("排序"), choices=SORT_CHOICES, method="filter_sort", empty_label=None
    )

    class Meta:
        model = Qualification
        fields = ["q", "edition", "category", "kind", "department", "status", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["edition"].extra["choices"] = _edition_choices()

    def filter_queryset(self, queryset):
        """The filtered rows in the order asked for (catalogue order by default)."""
        data = self.form.cleaned_data
        year = int(data["edition"]) if data.get("edition") else None
        filtered = super().filter_queryset(queryset)
        return qualifications_ordered(filtered, sort=data.get("sort") or NUMBER, edition_year=year)

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset

    def filter_search(self, queryset, name, value):
        """Names and aliases as typed, and whatever the certificate check's matcher finds
        for the same words (电工 → 特种作业人员 …), so search and check agree."""
        from certificates.checking import answer_qualification_ids, certificate_check

        answer = certificate_check(name=value)
        self.check_answer = answer
        ids = answer_qualification_ids(answer)
        key = search_key(value)
        found = Q(pk__in=ids) | Q(search_text__contains=key) if key else Q(pk__in=ids)
        return queryset.filter(found)

    def filter_classified(self, queryset, name, value):
        """Kind and category as the chosen edition listed them, else as they are now."""
        year = self.form.cleaned_data.get("edition") or None
        return queryset.classified(edition_year=year, **{name: value})


class EditionPairForm(forms.Form):
    """The two editions of a comparison: ?from=2017&to=2021."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (("from", _("从版本")), ("to", _("到版本"))):
            self.fields[name] = forms.ModelChoiceField(
                label=label,
                queryset=Edition.objects.order_by("year"),
                to_field_name="year",
                empty_label=None,
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from") and cleaned.get("from") == cleaned.get("to"):
            raise forms.ValidationError(_("请选择两个不同的版本。"))
        return cleaned
