"""The notice list's filters, shared by the page and the API."""

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from authorities.models import Authority, Level
from portal.filters import IdFilter, YearFilter

from . import docnumbers
from .models import Disclosure, Notice


class NoticeFilter(django_filters.FilterSet):
    number = django_filters.CharFilter(label=_("文号"), method="filter_number")
    q = django_filters.CharFilter(label=_("标题含"), field_name="title", lookup_expr="icontains")
    issuer = django_filters.ModelChoiceFilter(
        label=_("发文机关"), queryset=Authority.objects.order_by("division_code", "name")
    )
    level = django_filters.ChoiceFilter(
        label=_("层级"), field_name="issuer__level", choices=Level.choices
    )
    region = django_filters.CharFilter(
        label=_("地区代码"), method="filter_region", help_text=_("如 350000 福建省、350100 福州市")
    )
    year = YearFilter(label=_("年份"), field_name="issued_on__year")
    disclosure = django_filters.ChoiceFilter(label=_("公开属性"), choices=Disclosure.choices)
    forwards_of = IdFilter(
        label=_("转发了通知（编号）"), field_name="forwards", help_text=_("直接转发该通知的文件")
    )

    class Meta:
        model = Notice
        fields = ["number", "q", "issuer", "level", "region", "year", "disclosure", "forwards_of"]

    def filter_number(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Any bracket form and full-width digits find the stored 〔〕 form."""
        try:
            return queryset.filter(doc_number=docnumbers.canonical(value))
        except docnumbers.InvalidDocNumber:
            return queryset.filter(doc_number__icontains=docnumbers.search_form(value))

    def filter_region(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Notices of the authorities within a GB/T 2260 region (350000: all of Fujian)."""
        prefix = value.strip()
        while prefix.endswith("00") and len(prefix) > 2:
            prefix = prefix[:-2]
        return queryset.filter(Q(issuer__division_code__startswith=prefix))
