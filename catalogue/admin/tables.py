"""Admin views on editions: upload an official table (preview, then submit it for review),
and propose a new edition from the current catalogue (reviewed in admin/reviews.py)."""

import base64

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from notices.models import Notice, NoticeStatus

from .. import services
from ..forms import OfficialTableForm
from ..models import Edition
from ..officialtable.table import TableError
from ..officialtable.tableimport import change_set_submit, official_table_preview
from .reviews import EditionProposalForm

SALT = "catalogue.official-table"
PAYLOAD_MAX_AGE = 3600


def _payload(edition: Edition, document: str, upload: dict) -> str:
    data = base64.b64encode(upload["data"]).decode()
    content = {"edition": edition.pk, "document": document, "name": upload["name"], "data": data}
    return signing.dumps(content, salt=SALT, compress=True)


def _unpack(payload: str) -> dict:
    content = signing.loads(payload, salt=SALT, max_age=PAYLOAD_MAX_AGE)
    return {
        "edition": Edition.objects.get(pk=content["edition"]),
        "document": content["document"],
        "filename": content["name"],
        "data": base64.b64decode(content["data"]),
    }


class EditionMaintenanceMixin:
    """For EditionAdmin: the official-table upload and the new-edition publication."""

    change_list_template = "admin/catalogue/edition/change_list.html"

    def get_urls(self):
        table = self.admin_site.admin_view(self.official_table_view)
        publish = self.admin_site.admin_view(self.publish_edition_view)
        return [
            path("official-table/", table, name="catalogue_edition_official_table"),
            path("publish/", publish, name="catalogue_edition_publish"),
            *super().get_urls(),
        ]

    def _render(self, request, template: str, context: dict):
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, **context}
        return TemplateResponse(request, f"admin/catalogue/edition/{template}", context)

    def official_table_view(self, request):
        if not request.user.has_perm("catalogue.change_edition"):
            raise PermissionDenied
        if "commit" in request.POST:
            return self._commit_table(request)
        form = OfficialTableForm(request.POST or None, request.FILES or None)
        context = {"title": _("载入官方目录表"), "form": form}
        if request.method == "POST" and form.is_valid():
            edition, document = form.cleaned_data["edition"], form.cleaned_data["document"]
            upload = form.cleaned_data["file"]
            try:
                context["preview"] = official_table_preview(
                    edition=edition, data=upload["data"], filename=upload["name"], document=document
                )
            except TableError as error:
                form.add_error("file", str(error))
            else:
                context["payload"] = _payload(edition, document, upload)
        return self._render(request, "official_table.html", context)

    def _commit_table(self, request):
        """Submit the previewed table as a change set for a second maintainer's review."""
        try:
            arguments = _unpack(request.POST.get("payload", ""))
            change_set = change_set_submit(user=request.user, **arguments)
        except (signing.BadSignature, Edition.DoesNotExist, TableError, ValidationError) as error:
            self.message_user(request, _("未能提交：%(e)s") % {"e": error}, messages.ERROR)
            return redirect(reverse("admin:catalogue_edition_official_table"))
        message = _("已提交审核：须由另一位维护人员审核后发布，目录此前不作任何改动。")
        self.message_user(request, message, messages.SUCCESS)
        return redirect(reverse("admin:catalogue_tablechangeset_review", args=[change_set.pk]))

    def publish_edition_view(self, request):
        """Propose a new edition; a second maintainer reviews and publishes it."""
        if not request.user.has_perm("catalogue.add_edition"):
            raise PermissionDenied
        form = EditionProposalForm(request.POST or None)
        form.fields["notice"].queryset = Notice.objects.published().order_by("-issued_on")
        if request.method == "POST" and form.is_valid():
            try:
                proposal = services.edition_propose(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = _("已提交审核：须由另一位维护人员审核后发布。")
                self.message_user(request, message, messages.SUCCESS)
                url = reverse("admin:catalogue_editionproposal_review", args=[proposal.pk])
                return redirect(url)
        context = {"title": _("发布新版本目录"), "form": form, "published": NoticeStatus.PUBLISHED}
        return self._render(request, "publish.html", context)
