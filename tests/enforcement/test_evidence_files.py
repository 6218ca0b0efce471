"""Evidence files: in place only after commit, swept otherwise, private, safely named."""

import os
import stat
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from enforcement.models import Action, Evidence
from enforcement.services import case_transition

from .conftest import submit
from .files import JPEG, PDF, upload


def _files(root) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file())


def test_a_file_is_a_part_until_the_report_commits(
    fuzhou, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as on_commit:
        case, _code = submit(files=[upload("a.pdf", PDF)])
    final = Path(case.evidence.get().file.path)
    assert not final.exists() and Path(f"{final}.part").exists()
    for callback in on_commit:
        callback()
    assert final.read_bytes() == PDF and _files(settings.PRIVATE_MEDIA_ROOT) == [final]


def test_the_sweep_removes_parts_whose_report_never_committed(fuzhou, settings):
    with transaction.atomic():
        submit(files=[upload("a.pdf", PDF)])
        transaction.set_rollback(True)  # as when the database fails after the file is written
    assert not Evidence.objects.exists()
    out = StringIO()
    call_command("evidence_sweep", "--min-age", "0", stdout=out)
    assert "1 removed" in out.getvalue()
    assert _files(settings.PRIVATE_MEDIA_ROOT) == []


def test_the_sweep_finishes_a_committed_file_left_as_a_part(fuzhou, settings):
    case, _code = submit(files=[upload("a.pdf", PDF)])  # on_commit never ran
    out = StringIO()
    call_command("evidence_sweep", "--min-age", "0", stdout=out)
    assert "1 evidence files moved into place" in out.getvalue()
    assert Path(case.evidence.get().file.path).read_bytes() == PDF


def test_the_sweep_leaves_young_parts_of_running_transactions(fuzhou, settings):
    submit(files=[upload("a.pdf", PDF)])
    call_command("evidence_sweep", stdout=StringIO())
    assert [p.suffix for p in _files(settings.PRIVATE_MEDIA_ROOT)] == [".part"]


def test_evidence_files_are_0640_in_0750_folders(
    fuzhou, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case, _code = submit(files=[upload("a.pdf", PDF)])
    path = Path(case.evidence.get().file.path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    folder = path.parent
    while folder != Path(settings.PRIVATE_MEDIA_ROOT).parent:
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o750, folder
        folder = folder.parent


def test_a_jpeg_named_as_a_page_is_stored_and_downloaded_as_a_jpeg(
    client, fuzhou, fuzhou_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case, _code = submit(files=[upload("evil.jpg.html", JPEG, "text/html")])
    case_transition(case=case, actor=fuzhou_officer, action=Action.ACCEPT)
    evidence = case.evidence.get()
    assert evidence.content_type == "image/jpeg" and evidence.file.name.endswith(".jpg")
    client.force_login(fuzhou_officer)
    response = client.get(f"/cases/{case.pk}/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == 'attachment; filename="evil.jpg"'
    assert b"".join(response.streaming_content) == JPEG
