from cryptography.fernet import InvalidToken
from django.core.management.base import BaseCommand, CommandError

from enforcement.services import contact_keys_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every reporter contact under the first key of CONTACT_ENCRYPTION_KEYS. "
        "Run after putting a new key first; then the old keys may be removed."
    )

    def handle(self, *args, **options):
        try:
            count = contact_keys_rotate()
        except InvalidToken as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"re-encrypted the contact details of {count} cases")
