from django.contrib.auth.models import Group, Permission

from authorities import roles


def test_every_role_exists_after_migrate(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_no_role_may_delete_a_qualification(db):
    deleters = Permission.objects.filter(
        codename="delete_qualification", group__name__in=roles.ROLES
    )
    assert not deleters.exists()


def test_maintainers_hold_exactly_their_listed_permissions(db):
    group = Group.objects.get(name=roles.CATALOGUE_MAINTAINER)
    held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert held == set(roles.ROLES[roles.CATALOGUE_MAINTAINER])
