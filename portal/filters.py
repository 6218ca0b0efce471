"""Bounded numeric filters, the one type every numeric list filter uses.

An unbounded number reached the database or datetime as-is: ?year=0 or ?year=10000 raised
inside Django's year lookup and 99999999999999999999 overflowed PostgreSQL's bigint, each a
500. Out of range is now a form error, which the API and the pages answer with 400.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

YEAR_MIN, YEAR_MAX = 1900, 2100
# PostgreSQL's bigint, the type of every primary key.
ID_MIN, ID_MAX = 1, 2**63 - 1
YEAR_SCHEMA = {"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}


class BoundedIntegerFilter(django_filters.NumberFilter):
    """A whole number between ``min_value`` and ``max_value`` inclusive."""

    field_class = forms.IntegerField

    def __init__(self, *args, min_value: int, max_value: int, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)


@extend_schema_field(YEAR_SCHEMA)
class YearFilter(BoundedIntegerFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", _("%(min)d–%(max)d 年") % {"min": YEAR_MIN, "max": YEAR_MAX})
        super().__init__(*args, min_value=YEAR_MIN, max_value=YEAR_MAX, **kwargs)


@extend_schema_field({"type": "integer", "minimum": ID_MIN, "maximum": ID_MAX})
class IdFilter(BoundedIntegerFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=ID_MIN, max_value=ID_MAX, **kwargs)
