"""Who may see and act on which case: the one place the rules live.

An officer sees the cases of their authority and of every authority in its region; all
else is a 404, so a case's existence is not revealed either. The reporter's contact
details are shown only to the officer the case is assigned to.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .contact import contact_decrypt
from .models import Case, Evidence


def case_for_user(user, pk: int, *, act: bool = False) -> Case:
    """The case if the user may see it (404 otherwise); with act=True, may also act on it."""
    cases = Case.objects.visible_to(user).select_related("authority", "assignee", "qualification")
    case = get_object_or_404(cases, pk=pk)
    if act and not user.has_perm("enforcement.change_case"):
        raise PermissionDenied
    return case


def evidence_for_user(user, case_pk: int, pk: int) -> Evidence:
    case = case_for_user(user, case_pk)
    return get_object_or_404(Evidence, case=case, pk=pk)


def may_see_contact(user, case: Case) -> bool:
    return case.assignee_id is not None and case.assignee_id == user.pk


def contact_for_user(user, case: Case) -> str | None:
    """The reporter's contact in clear, decrypted only for the officer who may read it.

    None when the user may not see it (or no configured key opens it).
    """
    if not may_see_contact(user, case):
        return None
    clear = contact_decrypt(case.contact_encrypted)
    return _("（无法解密：请管理员检查 CONTACT_ENCRYPTION_KEYS）") if clear is None else clear
