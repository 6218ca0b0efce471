"""Which issuers' certificates a user may see and write: one answer for every path."""

from .models import IssuingBody


def issuers_for(user) -> set[str] | None:
    """The names of the issuing bodies the user registers for; None means all (superuser)."""
    if user.is_superuser:
        return None
    if not user.is_authenticated:
        return set()
    return set(IssuingBody.objects.filter(registrars=user).values_list("name", flat=True))
