"""Roles as groups with the least permissions each job needs.

Each role lists "app_label.codename" permissions. No role may delete catalogue records:
qualifications are retired, never deleted.
"""

from django.apps import apps as global_apps
from django.core.exceptions import ImproperlyConfigured

CATALOGUE_MAINTAINER = "catalogue maintainers"
NOTICE_PUBLISHER = "notice publishers"
ENFORCEMENT_OFFICER = "enforcement officers"
CERTIFICATE_REGISTRAR = "certificate registrars"

ROLES: dict[str, list[str]] = {
    CATALOGUE_MAINTAINER: [
        "catalogue.view_department",
        "catalogue.add_department",
        "catalogue.change_department",
        "catalogue.view_qualification",
        "catalogue.add_qualification",
        "catalogue.change_qualification",
        "catalogue.retire_qualification",
        "catalogue.view_alias",
        "catalogue.add_alias",
        "catalogue.change_alias",
        "catalogue.delete_alias",
        "catalogue.view_edition",
        "catalogue.add_edition",
        "catalogue.change_edition",
        "catalogue.view_editionentry",
        "catalogue.view_adjustment",
        "catalogue.view_cancellationbatch",
        "catalogue.view_draftadjustment",
        "catalogue.add_draftadjustment",
        "catalogue.publish_draftadjustment",
        "catalogue.view_tablechangeset",
        "catalogue.view_editionproposal",
    ],
    NOTICE_PUBLISHER: [
        "authorities.view_authority",
        "notices.view_notice",
        "notices.add_notice",
        "notices.change_notice",
        # Import records other authorities' notices as their documents print them.
        "notices.import_notice",
        "notices.view_reminder",
        "notices.add_reminder",
    ],
    ENFORCEMENT_OFFICER: [
        "authorities.view_authority",
        "catalogue.view_qualification",
        "enforcement.view_case",
        "enforcement.change_case",
        "enforcement.view_transition",
        "enforcement.view_message",
        "enforcement.view_evidence",
    ],
    # Issuing bodies' staff: load and correct issued certificates, never delete them.
    CERTIFICATE_REGISTRAR: [
        "catalogue.view_qualification",
        "certificates.view_issuedcertificate",
        "certificates.add_issuedcertificate",
        "certificates.change_issuedcertificate",
        "certificates.view_certificaterevision",
        "certificates.view_certificateload",
    ],
}


def sync_roles(apps=global_apps) -> None:
    """Create or update each role group so it holds exactly its listed permissions."""
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, perms in ROLES.items():
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            found = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if found is None:
                raise ImproperlyConfigured(f"role {name!r} names unknown permission {perm!r}")
            wanted.append(found)
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set(wanted)
