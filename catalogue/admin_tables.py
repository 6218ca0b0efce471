"""Admin views on editions: upload an official table (preview, then commit), and publish a
new edition from the current catalogue."""

import base64

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from notices.models import Notice, NoticeStatus

from . import services
from .forms import OfficialTableForm
from .models import Edition
from .officialtable import TableError
from .tableimport import official_table_commit, official_table_preview

SALT = "catalogue.official-table"
PAYLOAD_MAX_AGE = 3600


class EditionPublishForm(forms.Form):
    year = forms.IntegerField(label=_("版本年份"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("标题"), max_length=120)
    notice = forms.ModelChoiceField(
        label=_("公布通知"), queryset=Notice.objects.published().order_by("-issued_on")
    )


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
        try:
            arguments = _unpack(request.POST.get("payload", ""))
            preview = official_table_commit(user=request.user, **arguments)
        except (signing.BadSignature, Edition.DoesNotExist, TableError, ValidationError) as error:
            self.message_user(request, _("未能载入：%(e)s") % {"e": error}, messages.ERROR)
            return redirect(reverse("admin:catalogue_edition_official_table"))
        counts = preview.counts
        message = _(
            "已载入：新增 %(add)s，修改 %(change)s，核对一致 %(confirm)s，未载入 %(blocked)s。"
        )
        self.message_user(request, message % counts, messages.SUCCESS)
        return redirect(reverse("admin:catalogue_edition_change", args=[preview.edition.pk]))

    def publish_edition_view(self, request):
        if not request.user.has_perm("catalogue.add_edition"):
            raise PermissionDenied
        form = EditionPublishForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                edition = services.edition_publish(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("已发布：%(e)s") % {"e": edition}, messages.SUCCESS)
                return redirect(reverse("admin:catalogue_edition_change", args=[edition.pk]))
        context = {"title": _("发布新版本目录"), "form": form, "published": NoticeStatus.PUBLISHED}
        return self._render(request, "publish.html", context)
