"""List filters shared by the pages and the API."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority
from portal.filters import YearFilter

from .models import OPEN_STATUSES, Case, Status, ViolationType


def _authorities_of(request):
    if request is None or not getattr(request.user, "authority_id", None):
        return Authority.objects.none()
    return Authority.objects.within(request.user.authority)


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("被举报单位"), field_name="organisation", lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Status.choices)
    open = django_filters.BooleanFilter(label=_("未结案"), method="filter_open")
    violation_type = django_filters.ChoiceFilter(label=_("违规类型"), choices=ViolationType.choices)
    authority = django_filters.ModelChoiceFilter(label=_("承办机关"), queryset=_authorities_of)
    overdue = django_filters.BooleanFilter(label=_("已超期"), method="filter_overdue")

    class Meta:
        model = Case
        fields = ["q", "status", "open", "violation_type", "authority", "overdue"]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(status__in=OPEN_STATUSES)
            if value
            else queryset.exclude(status__in=OPEN_STATUSES)
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = {"status__in": OPEN_STATUSES, "due_at__lt": timezone.now()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class StatisticsFilter(django_filters.FilterSet):
    year = YearFilter(label=_("年份"), field_name="created_at", lookup_expr="year")
    violation_type = django_filters.ChoiceFilter(label=_("违规类型"), choices=ViolationType.choices)

    class Meta:
        model = Case
        fields = ["year", "violation_type"]
