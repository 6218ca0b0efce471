"""Admin for reviewed adjustments: draft, then a second maintainer reviews and publishes."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from .. import drafts
from ..forms import DraftAdjustmentForm, DraftPublishForm
from ..models import DraftAdjustment, Qualification

PROPOSAL_FIELDS = ["name", "name_en", "category", "kind", "legal_basis", "remarks"]


@admin.register(DraftAdjustment)
class DraftAdjustmentAdmin(admin.ModelAdmin):
    form = DraftAdjustmentForm
    list_display = ["drafted_at", "action", "target", "status", "drafted_by", "published_by"]
    list_filter = ["status", "action"]
    search_fields = ["name", "qualification__name", "reason", "document"]
    list_select_related = ["qualification", "drafted_by", "published_by"]
    autocomplete_fields = ["qualification", "parent", "departments", "successor"]
    change_form_template = "admin/catalogue/draftadjustment/change_form.html"
    fieldsets = [
        (None, {"fields": ["action", "qualification", "parent", "reason"]}),
        (
            _("提议的内容（新增、修改、更名、调整类型时）"),
            {"fields": PROPOSAL_FIELDS + ["departments"]},
        ),
        (_("退出时"), {"fields": ["successor", "successor_equivalent"]}),
    ]

    @admin.display(description=_("职业资格"))
    def target(self, obj: DraftAdjustment) -> str:
        return str(obj.qualification or obj.name)

    def has_change_permission(self, request, obj=None) -> bool:
        # A draft is reviewed as written: to change it, withdraw it and draft again.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_changeform_initial_data(self, request) -> dict:
        """Start from the qualification's current values: ?qualification=<pk>&action=…"""
        initial = super().get_changeform_initial_data(request)
        for key in ("qualification", "parent", "successor"):
            # A malformed link is ignored rather than shown as an error.
            if key in initial and not str(initial[key]).isdigit():
                del initial[key]
        wanted = str(initial.get("qualification", ""))
        target = Qualification.objects.filter(pk=wanted).first() if wanted.isdigit() else None
        if target is not None:
            proposal = drafts.draft_prefill(draft=DraftAdjustment(qualification=target))
            initial |= {field: getattr(proposal, field) for field in PROPOSAL_FIELDS}
            initial["departments"] = list(target.departments.all())
        return initial

    def save_model(self, request, obj, form, change) -> None:
        departments = form.cleaned_data.get("departments", [])
        drafts.draft_create(draft=obj, departments=departments, user=request.user)

    def save_related(self, request, form, formsets, change) -> None:
        # draft_create has set the departments already.
        pass

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        withdraw = self.admin_site.admin_view(self.withdraw_view)
        return [
            path("<int:pk>/review/", review, name="catalogue_draftadjustment_review"),
            path("<int:pk>/withdraw/", withdraw, name="catalogue_draftadjustment_withdraw"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk: int):
        """Show the draft beside the catalogue as it stands; publish with the approval."""
        if not request.user.has_perm("catalogue.publish_draftadjustment"):
            raise PermissionDenied
        draft = get_object_or_404(DraftAdjustment.objects.select_related("qualification"), pk=pk)
        form = DraftPublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                drafts.draft_publish(draft=draft, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("已发布：%(d)s") % {"d": draft}, messages.SUCCESS)
                return redirect(reverse("admin:catalogue_draftadjustment_change", args=[pk]))
        return TemplateResponse(
            request,
            "admin/catalogue/draftadjustment/review.html",
            {
                **self.admin_site.each_context(request),
                "title": _("审核并发布调整"),
                "opts": self.model._meta,
                "draft": draft,
                "form": form,
                "comparison": _comparison(draft),
                "own_draft": draft.drafted_by_id == request.user.pk,
            },
        )

    def withdraw_view(self, request, pk: int):
        draft = get_object_or_404(DraftAdjustment, pk=pk)
        may = request.user.pk == draft.drafted_by_id or request.user.has_perm(
            "catalogue.publish_draftadjustment"
        )
        if request.method != "POST" or not may:
            raise PermissionDenied
        try:
            drafts.draft_withdraw(draft=draft, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
        return redirect(reverse("admin:catalogue_draftadjustment_change", args=[pk]))


def _comparison(draft: DraftAdjustment) -> list[tuple[str, str, str, bool]]:
    """(label, current value, proposed value, changed) for each proposed field."""
    current = draft.qualification
    rows = []
    for field in PROPOSAL_FIELDS:
        label = DraftAdjustment._meta.get_field(field).verbose_name
        proposed = _display(draft, field)
        now = _display(current, field) if current else ""
        rows.append((label, now, proposed, now != proposed))
    return rows


def _display(obj, field: str) -> str:
    getter = getattr(obj, f"get_{field}_display", None)
    return str(getter() if getter else getattr(obj, field))
