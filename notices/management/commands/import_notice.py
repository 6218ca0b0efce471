import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notices.forms import decode_text
from notices.importer import UnreadableText
from notices.services import notice_chain_import


class Command(BaseCommand):
    help = (
        "Import the plain text of a forwarding document (like data/seeds/*.txt): every "
        "notice of its chain, outermost first, linked in forwarding order. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="UTF-8 or GB18030 plain text")
        parser.add_argument(
            "--json", action="store_true", help="print the chain as JSON, outermost first"
        )

    def handle(self, *args, file: Path, json: bool = False, **options):
        try:
            text = decode_text(file.read_bytes())
        except OSError as error:
            raise CommandError(f"{file}: cannot read: {error.strerror}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not a text file (UTF-8 or GB18030)") from None
        try:
            result = notice_chain_import(text=text)
        except UnreadableText as error:
            raise CommandError(f"{file}: {error}") from None
        for warning in result.warnings:
            self.stderr.write(f"{file}: {warning}")
        if json:
            self.stdout.write(_dumps(result.as_json()))
        else:
            self._report(result)

    def _report(self, result) -> None:
        for authority in result.created_authorities:
            self.stdout.write(f"created authority {authority.name} ({authority.level})")
        for parsed, notice in result.chain:
            if notice is None:
                self.stdout.write(f"not stored: {parsed.doc_number or ''} {parsed.title}".strip())
                continue
            state = "created" if notice in result.created_notices else "already on record"
            self.stdout.write(f"{state}: {notice}")
        for notice in result.linked_notices:
            self.stdout.write(f"linked: {notice} → {notice.forwards}")


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
