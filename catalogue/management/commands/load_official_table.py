from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Edition
from catalogue.officialtable.table import TableError
from catalogue.officialtable.tableimport import change_set_submit, official_table_preview

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Read an edition's official table (CSV or XLSX, columns 序号, 职业资格名称, "
        "实施部门（单位）, 资格类别, 设定依据, 备注) and show, row by row, what it would add, "
        "change or confirm. With --commit --user NAME the table is submitted as a change set "
        "for a second maintainer to review and publish in the admin; the catalogue itself never "
        "changes here."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--edition", type=int, required=True, help="edition year, e.g. 2021")
        parser.add_argument("--document", required=True, help="the table's document, e.g. 文号")
        parser.add_argument(
            "--commit", action="store_true", help="submit the change set for review"
        )
        parser.add_argument("--user", help="the maintainer submitting it (required with --commit)")

    def handle(self, *args, file: Path, edition: int, document: str, commit: bool, **options):
        target = Edition.objects.filter(year=edition).first()
        if target is None:
            raise CommandError(f"--edition {edition}: no such edition")
        user = self._submitter(options.get("user")) if commit else None
        if not file.is_file() or file.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError(f"{file}: not a .csv or .xlsx file")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB")
        arguments = {
            "edition": target,
            "data": file.read_bytes(),
            "filename": file.name,
            "document": document,
        }
        try:
            preview = official_table_preview(**arguments)
            change_set = change_set_submit(user=user, **arguments) if commit else None
        except TableError as error:
            raise CommandError(f"{file}: {error}") from None
        except ValidationError as error:
            raise CommandError(f"{file}: {'; '.join(error.messages)}") from None
        self._report(preview, change_set)

    def _submitter(self, username: str | None):
        if not username:
            raise CommandError("--commit needs --user NAME: the maintainer who submits it")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"--user {username}: no such active user")
        if not user.has_perm("catalogue.change_edition"):
            raise CommandError(f"--user {username}: may not load official tables")
        return user

    def _report(self, preview, change_set) -> None:
        for prow in preview.rows:
            indent = "    " if prow.is_sub_item else "  "
            line = f"{indent}{prow.row.line:>4} {prow.verdict:<8} {prow.row.name}"
            changes = "; ".join(f"{k}: {old!r} → {new!r}" for k, old, new in prow.differences)
            self.stdout.write(" ".join(filter(None, [line, changes, prow.note])))
        for bad in preview.unreadable:
            self.stdout.write(f"  {bad.line:>4} unreadable {bad.reason}")
        for entry in preview.not_in_table:
            self.stdout.write(f"       not in the table: {entry.name}")
        counts = ", ".join(f"{v} {k}" for k, v in preview.counts.items())
        self.stdout.write(f"{counts}, {len(preview.unreadable)} unreadable")
        if preview.from_portal_export:
            self.stdout.write("this file is the portal's own export: it verifies nothing")
        if change_set is None:
            self.stdout.write("preview only: nothing written (add --commit --user NAME to submit)")
        else:
            self.stdout.write(
                f"submitted for review as change set {change_set.pk}: a second maintainer "
                "publishes or returns it in the admin; the catalogue is unchanged until then"
            )
