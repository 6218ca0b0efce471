"""The registrar the bench loads certificates as: a member of every synthetic issuer."""


def bench_registrar(issuers: list[str]):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from authorities.roles import CERTIFICATE_REGISTRAR
    from certificates.models import IssuingBody

    user, _ = get_user_model().objects.get_or_create(username="bench-registrar", is_staff=True)
    user.groups.add(Group.objects.get(name=CERTIFICATE_REGISTRAR))
    for name in issuers:
        IssuingBody.objects.get_or_create(name=name)[0].registrars.add(user)
    return user
