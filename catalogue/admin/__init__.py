from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import drafts, services
from ..forms import DraftRetireForm
from ..models import (
    Action,
    Adjustment,
    Alias,
    CancellationBatch,
    Department,
    DraftAdjustment,
    Edition,
    EditionEntry,
    Qualification,
)
from . import adjustments, ruledata  # noqa: F401 - they register admins
from .tables import EditionMaintenanceMixin

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


CATALOGUE_FIELDS = [
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
    "verification",
    "note",
]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    """Read-only catalogue fields: every change is a draft that a second maintainer
    publishes (admin/adjustments.py). Aliases, which only help the public search, stay editable."""

    list_display = ["name", "parent", "category", "kind", "status", "verified", "retired_on"]
    list_filter = ["status", "category", "kind", "verified", "departments"]
    search_fields = ["name", "name_en", "aliases__name"]
    list_select_related = ["parent"]
    readonly_fields = CATALOGUE_FIELDS + RETIREMENT_FIELDS
    inlines = [AliasInline, AdjustmentInline]
    actions = ["retire"]
    change_form_template = "admin/catalogue/qualification/change_form.html"
    change_list_template = "admin/catalogue/qualification/change_list.html"
    fieldsets = [
        (None, {"fields": ["name", "name_en", "parent", "category", "kind", "departments"]}),
        (
            _("依据与说明"),
            {"fields": ["legal_basis", "remarks", "source", "verified", "verification", "note"]},
        ),
        (_("状态"), {"fields": RETIREMENT_FIELDS}),
    ]

    def has_add_permission(self, request) -> bool:
        # New qualifications are drafted, reviewed and published, never added directly.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Qualifications are retired, never deleted.
        return False

    def save_model(self, request, obj, form, change) -> None:
        # Nothing of the qualification itself is editable here; its aliases are saved below.
        pass

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        services.qualification_search_refresh(qualification=form.instance)

    @admin.action(description=_("起草退出或取消所选职业资格"), permissions=["retire"])
    def retire(self, request, queryset):
        form = DraftRetireForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                with transaction.atomic():
                    for qualification in queryset:
                        _draft_retirement(qualification, form.cleaned_data, request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                return None
            message = _("已起草 %(n)d 项退出，待另一位维护人员审核发布。") % {"n": len(queryset)}
            self.message_user(request, message)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("起草退出或取消职业资格"),
            "form": form,
            "queryset": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/catalogue/retire.html", context)

    def has_retire_permission(self, request) -> bool:
        return request.user.has_perm("catalogue.add_draftadjustment")


def _draft_retirement(qualification: Qualification, data: dict, user) -> DraftAdjustment:
    action = Action.SUB_ITEM_REMOVED if qualification.parent_id else Action.RETIRED
    proposal = DraftAdjustment(action=action, qualification=qualification, **data)
    return drafts.draft_create(draft=drafts.draft_prefill(draft=proposal), user=user)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    list_display = ["name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.department_save(department=obj)


class EditionEntryInline(admin.TabularInline):
    """An edition lists what was published: changed only through a reviewed change set."""

    model = EditionEntry
    fields = ["seq", "name", "qualification", "category", "kind", "verified"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Edition)
class EditionAdmin(EditionMaintenanceMixin, admin.ModelAdmin):
    list_display = ["year", "title", "announced_on", "announcing_document", "official_total"]
    inlines = [EditionEntryInline]
    # Editions are published through a reviewed proposal; their record is read-only here.
    readonly_fields = [
        "year",
        "title",
        "announced_on",
        "announcing_document",
        "announcing_notice",
        "official_total",
        "official_pt_access",
        "official_pt_level",
        "official_skilled_access",
        "official_skilled_level",
        "official_skilled_total",
        "source",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        services.edition_save(edition=obj)


@admin.register(CancellationBatch)
class CancellationBatchAdmin(admin.ModelAdmin):
    list_display = ["number", "decided_on", "document", "items_cancelled"]

    def save_model(self, request, obj, form, change) -> None:
        services.cancellation_batch_save(batch=obj)


@admin.register(Adjustment)
class AdjustmentAdmin(admin.ModelAdmin):
    """The log is append-only: readable here, written only by the catalogue services."""

    list_display = [
        "effective_on",
        "action",
        "qualification",
        "document",
        "drafted_by",
        "published_by",
        "recorded_by",
    ]
    list_filter = ["action", "edition", "batch"]
    search_fields = ["qualification__name", "document", "reason"]
    list_select_related = ["qualification", "recorded_by", "drafted_by", "published_by"]
    date_hierarchy = "effective_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
