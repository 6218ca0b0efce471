"""Admin for the second maintainer's review: official-table change sets and new editions.

Nothing here writes the catalogue itself: the review pages show what would change and call
the services (tableimport.change_set_*, services.edition_*), which check who reviews.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import EditionProposal, TableChangeSet
from ..officialtable.table import TableError
from ..officialtable.tableimport import change_set_preview, change_set_publish, change_set_return

REVIEW_PERMISSION = "catalogue.publish_draftadjustment"


class ReviewForm(forms.Form):
    attested = forms.BooleanField(
        label=_("我已核对：该文件是人力资源社会保障部公布的官方目录表"),
        required=False,
        help_text=_("只有确认后，核对一致的条目才标记为已核对。"),
    )


class ReturnForm(forms.Form):
    return_reason = forms.CharField(label=_("退回原因"), widget=forms.Textarea(attrs={"rows": 3}))


class ReviewedAdmin(admin.ModelAdmin):
    """Read-only: submitted elsewhere, reviewed on the review page."""

    list_filter = ["status"]
    list_select_related = ["submitted_by", "reviewed_by"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description=_("审核"))
    def review_link(self, obj) -> str:
        url = reverse(f"admin:catalogue_{self.model._meta.model_name}_review", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("查看与审核"))

    def _review(self, request, obj, template: str, context: dict):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "obj": obj,
            "own": obj.submitted_by_id == request.user.pk,
            "return_form": ReturnForm(request.POST if "return" in request.POST else None),
            **context,
        }
        return TemplateResponse(request, f"admin/catalogue/{template}", context)

    def _done(self, request, message: str, obj):
        self.message_user(request, message, messages.SUCCESS)
        return redirect(
            reverse(f"admin:catalogue_{self.model._meta.model_name}_review", args=[obj.pk])
        )


@admin.register(TableChangeSet)
class TableChangeSetAdmin(ReviewedAdmin):
    list_display = [
        "submitted_at",
        "edition",
        "document",
        "status",
        "submitted_by",
        "reviewed_by",
        "review_link",
    ]
    exclude = ["data"]

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:pk>/review/", review, name="catalogue_tablechangeset_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk: int):
        """The row-by-row diff; publish (attesting the document) or send back with a reason."""
        change_set = get_object_or_404(TableChangeSet, pk=pk)
        if not request.user.has_perm("catalogue.view_tablechangeset"):
            raise PermissionDenied
        form = ReviewForm(request.POST if "publish" in request.POST else None)
        context = {"title": _("审核官方目录表变更"), "form": form}
        if request.method == "POST" and not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        try:
            if "publish" in request.POST and form.is_valid():
                attested = form.cleaned_data["attested"]
                change_set_publish(change_set=change_set, user=request.user, attested=attested)
                return self._done(request, _("已审核发布。"), change_set)
            returning = ReturnForm(request.POST if "return" in request.POST else None)
            if "return" in request.POST and returning.is_valid():
                reason = returning.cleaned_data["return_reason"]
                change_set_return(change_set=change_set, user=request.user, reason=reason)
                return self._done(request, _("已退回提交人。"), change_set)
        except ValidationError as error:
            form.add_error(None, error)
        try:
            context["preview"] = change_set_preview(change_set=change_set)
        except TableError as error:
            form.add_error(None, str(error))
        return self._review(request, change_set, "tablechangeset/review.html", context)


class EditionProposalForm(forms.ModelForm):
    class Meta:
        model = EditionProposal
        fields = [
            "year",
            "title",
            "notice",
            *services.OFFICIAL_COUNTS,
        ]


@admin.register(EditionProposal)
class EditionProposalAdmin(ReviewedAdmin):
    list_display = [
        "submitted_at",
        "year",
        "title",
        "notice",
        "status",
        "submitted_by",
        "review_link",
    ]
    list_select_related = ["notice", "submitted_by", "reviewed_by"]

    def get_urls(self):
        review = self.admin_site.admin_view(self.review_view)
        return [
            path("<int:pk>/review/", review, name="catalogue_editionproposal_review"),
            *super().get_urls(),
        ]

    def review_view(self, request, pk: int):
        proposal = get_object_or_404(EditionProposal.objects.select_related("notice"), pk=pk)
        if not request.user.has_perm("catalogue.view_editionproposal"):
            raise PermissionDenied
        if request.method == "POST" and not request.user.has_perm(REVIEW_PERMISSION):
            raise PermissionDenied
        form = forms.Form(request.POST or None)
        returning = ReturnForm(request.POST if "return" in request.POST else None)
        try:
            if "publish" in request.POST:
                edition = services.edition_publish(proposal=proposal, user=request.user)
                self.message_user(request, _("已发布：%(e)s") % {"e": edition}, messages.SUCCESS)
                return redirect(reverse("admin:catalogue_edition_change", args=[edition.pk]))
            if "return" in request.POST and returning.is_valid():
                reason = returning.cleaned_data["return_reason"]
                services.edition_return(proposal=proposal, user=request.user, reason=reason)
                return self._done(request, _("已退回提交人。"), proposal)
        except ValidationError as error:
            form.is_valid()
            form.add_error(None, error)
        context = {"title": _("审核新版本目录"), "form": form}
        return self._review(request, proposal, "editionproposal/review.html", context)
