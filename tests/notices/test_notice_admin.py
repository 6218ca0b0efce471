"""The admin: the notice list and the upload that imports a forwarding document."""

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from notices.models import Notice


def _importer(django_user_model, fujian):
    user = django_user_model.objects.create_user(
        username="importer", password="pw-for-tests-only", is_staff=True, authority=fujian
    )
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["import_notice", "view_notice"])
    )
    return user


def test_an_upload_imports_the_whole_chain(client, django_user_model, fujian, seed_text):
    client.force_login(_importer(django_user_model, fujian))
    upload = SimpleUploadedFile("seed.txt", seed_text.encode(), content_type="text/plain")
    response = client.post("/admin/notices/notice/import/", {"file": upload})
    assert response.status_code == 302
    assert Notice.objects.count() == 3


def test_an_unreadable_upload_is_a_form_error_naming_the_line(client, django_user_model, fujian):
    client.force_login(_importer(django_user_model, fujian))
    upload = SimpleUploadedFile("bad.txt", "随便写的。\n".encode(), content_type="text/plain")
    response = client.post("/admin/notices/notice/import/", {"file": upload})
    assert response.status_code == 200
    assert "line 1: expected" in response.content.decode()
    assert not Notice.objects.exists()


def test_an_upload_that_is_not_text_is_refused(client, django_user_model, fujian):
    client.force_login(_importer(django_user_model, fujian))
    upload = SimpleUploadedFile("seed.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post("/admin/notices/notice/import/", {"file": upload})
    assert "只接受 .txt 纯文本文件" in response.content.decode()


def test_the_notice_publisher_role_holds_the_import_permission(
    client, fujian_publisher, fujian_officer
):
    client.force_login(fujian_publisher)
    assert client.get("/admin/notices/notice/import/").status_code == 200
    client.force_login(fujian_officer)
    assert client.get("/admin/notices/notice/import/").status_code == 403


def test_the_admin_list_shows_notices(client, chain, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/notices/notice/")
    assert "人社部发〔2017〕68号" in response.content.decode()


def test_in_the_admin_a_publisher_cannot_sign_for_another_authority(
    client, fujian_publisher, guangzhou
):
    client.force_login(fujian_publisher)
    response = client.post(
        "/admin/notices/notice/add/",
        {"title": "冒名的通知", "issuer": guangzhou.pk, "status": "published"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Notice.objects.exists()


def test_in_the_admin_a_publisher_sees_only_her_authoritys_notices(client, chain, fujian_publisher):
    client.force_login(fujian_publisher)
    listed = client.get("/admin/notices/notice/").context["cl"].result_list
    assert [n.doc_number for n in listed] == ["闽人社文〔2017〕320号"]
