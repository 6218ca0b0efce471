"""Reporter contact details move from clear text to a Fernet token (enforcement/contact.py)."""

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import migrations, models


def _keys():
    return MultiFernet([Fernet(key) for key in settings.CONTACT_ENCRYPTION_KEYS])


def encrypt(apps, schema_editor):
    Case = apps.get_model("enforcement", "Case")
    keys = _keys()
    for case in Case.objects.exclude(contact="").only("pk", "contact").iterator():
        token = keys.encrypt(case.contact.strip().encode()).decode() if case.contact.strip() else ""
        Case.objects.filter(pk=case.pk).update(contact_encrypted=token)


def decrypt(apps, schema_editor):
    Case = apps.get_model("enforcement", "Case")
    keys = _keys()
    for case in Case.objects.exclude(contact_encrypted="").only("pk", "contact_encrypted"):
        clear = keys.decrypt(case.contact_encrypted.encode()).decode()
        Case.objects.filter(pk=case.pk).update(contact=clear)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0002_logs_append_only")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="contact_encrypted",
            field=models.TextField(
                blank=True, editable=False, verbose_name="举报人联系方式（密文）"
            ),
        ),
        migrations.RunPython(encrypt, decrypt),
        migrations.RemoveField(model_name="case", name="contact"),
    ]
