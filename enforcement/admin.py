"""Admin: read-mostly. Status changes go through the service, never a form field.

The reporter's contact details are not shown here: they are for the assigned officer,
on the case page.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Action, Case, Evidence, Message, Status, Transition


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class TransitionInline(ReadOnlyInline):
    model = Transition
    fields = ["at", "action", "from_status", "to_status", "to_authority", "actor", "note"]
    readonly_fields = fields


class MessageInline(ReadOnlyInline):
    model = Message
    fields = ["at", "kind", "author", "body"]
    readonly_fields = fields


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    fields = ["original_name", "content_type", "size", "uploaded_at"]
    readonly_fields = fields


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["id", "organisation", "violation_type", "status", "authority", "due_at"]
    list_filter = ["status", "violation_type", "authority__level"]
    search_fields = ["organisation", "region_code"]
    list_select_related = ["authority"]
    exclude = ["contact_encrypted"]
    readonly_fields = [
        "violation_type", "organisation", "region_code", "qualification", "qualification_name",
        "description", "authority", "assignee", "status", "outcome", "measures",
        "reject_reason", "status_changed_at", "due_at", "created_at",
    ]  # fmt: skip
    inlines = [TransitionInline, MessageInline, EvidenceInline]
    actions = ["close_concluded"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request) -> bool:
        return False  # reports arrive through the public form

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("结案（仅限已办结的案件）"), permissions=["change"])
    def close_concluded(self, request, queryset):
        closed = 0
        for case in queryset.filter(status=Status.CONCLUDED):
            try:
                services.case_transition(case=case, actor=request.user, action=Action.CLOSE)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                closed += 1
        self.message_user(request, _("已结案 %(n)s 件。") % {"n": closed})
