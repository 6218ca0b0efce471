from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.models import Edition
from catalogue.officialtable import TableError
from catalogue.tableimport import BLOCKED, official_table_commit, official_table_preview

MAX_BYTES = 5 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Read an edition's official table (CSV or XLSX, columns 序号, 职业资格名称, "
        "实施部门（单位）, 资格类别, 设定依据, 备注) and show, row by row, what it would add, "
        "change or confirm. Nothing is written unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--edition", type=int, required=True, help="edition year, e.g. 2021")
        parser.add_argument("--document", required=True, help="the table's document, e.g. 文号")
        parser.add_argument("--commit", action="store_true", help="apply the changes")

    def handle(self, *args, file: Path, edition: int, document: str, commit: bool, **options):
        target = Edition.objects.filter(year=edition).first()
        if target is None:
            raise CommandError(f"--edition {edition}: no such edition")
        if not file.is_file() or file.suffix.lower() not in (".csv", ".xlsx"):
            raise CommandError(f"{file}: not a .csv or .xlsx file")
        if file.stat().st_size > MAX_BYTES:
            raise CommandError(f"{file}: larger than {MAX_BYTES // 1024 // 1024} MB")
        load = official_table_commit if commit else official_table_preview
        extra = {"user": None} if commit else {}
        try:
            preview = load(
                edition=target,
                data=file.read_bytes(),
                filename=file.name,
                document=document,
                **extra,
            )
        except TableError as error:
            raise CommandError(f"{file}: {error}") from None
        self._report(preview, commit)

    def _report(self, preview, commit: bool) -> None:
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
        if not commit:
            self.stdout.write("preview only: nothing written (add --commit to apply)")
        elif preview.count(BLOCKED):
            self.stdout.write("committed; blocked rows were left unchanged")
        else:
            self.stdout.write("committed")
