from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import QualificationAdminForm, RetireForm
from .models import (
    Adjustment,
    Alias,
    CancellationBatch,
    Department,
    Edition,
    EditionEntry,
    Qualification,
)

RETIREMENT_FIELDS = [
    "status",
    "retired_on",
    "retirement_document",
    "retirement_reason",
    "retirement_batch",
    "successor",
    "successor_equivalent",
]


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 1


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    fields = ["effective_on", "action", "document", "reason", "recorded_by", "recorded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    form = QualificationAdminForm
    list_display = ["name", "parent", "category", "kind", "status", "verified", "retired_on"]
    list_filter = ["status", "category", "kind", "verified", "departments"]
    search_fields = ["name", "name_en", "aliases__name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent", "departments"]
    readonly_fields = RETIREMENT_FIELDS
    inlines = [AliasInline, AdjustmentInline]
    actions = ["retire"]
    fieldsets = [
        (None, {"fields": ["name", "name_en", "parent", "category", "kind", "departments"]}),
        (_("依据与说明"), {"fields": ["legal_basis", "remarks", "source", "verified"]}),
        (_("本次调整的批准依据"), {"fields": ["effective_on", "document", "reason"]}),
        (_("状态"), {"fields": RETIREMENT_FIELDS}),
    ]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Qualifications are retired, never deleted.
        return False

    def save_model(self, request, obj, form, change) -> None:
        record = {k: form.cleaned_data[k] for k in ("effective_on", "document", "reason")}
        if change:
            services.qualification_amend(qualification=obj, user=request.user, **record)
        else:
            services.qualification_add(qualification=obj, user=request.user, **record)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.qualification_search_refresh(qualification=form.instance)

    @admin.action(description=_("退出或取消所选职业资格"), permissions=["retire"])
    def retire(self, request, queryset):
        form = RetireForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for qualification in queryset:
                        services.qualification_retire(
                            qualification=qualification, user=request.user, **form.cleaned_data
                        )
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return None
            self.message_user(request, _("已退出 %(n)d 项。") % {"n": len(queryset)})
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("退出或取消职业资格"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/catalogue/retire.html", context)

    def has_retire_permission(self, request) -> bool:
        return request.user.has_perm("catalogue.retire_qualification")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EditionEntryInline(admin.TabularInline):
    model = EditionEntry
    fields = ["seq", "name", "qualification", "category", "kind", "verified"]
    readonly_fields = ["qualification"]
    extra = 0
    can_delete = False


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "announced_on", "announcing_document", "official_total"]
    inlines = [EditionEntryInline]
    raw_id_fields = ["announcing_notice"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CancellationBatch)
class CancellationBatchAdmin(admin.ModelAdmin):
    list_display = ["number", "decided_on", "document", "items_cancelled"]


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    """The log is append-only: readable here, written only by the catalogue services."""

    list_display = ["effective_on", "action", "qualification", "document", "recorded_by"]
    list_filter = ["action", "edition", "batch"]
    search_fields = ["qualification__name", "document", "reason"]
    list_select_related = ["qualification", "recorded_by"]
    date_hierarchy = "effective_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
