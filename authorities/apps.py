from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _sync_roles(sender, **kwargs) -> None:
    from .roles import sync_roles

    sync_roles()


class AuthoritiesConfig(AppConfig):
    name = "authorities"
    verbose_name = _("机关与人员")

    def ready(self) -> None:
        # Sent after this app (listed last) migrates, when every app's permissions exist.
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="authorities-sync-roles")
