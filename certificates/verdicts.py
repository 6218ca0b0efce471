"""The verdicts of the certificate check, and the catalogue names its index is built from.

The check itself is ``certificates.checking.certificate_check``.
"""

from enum import StrEnum

from catalogue.models import Alias, EditionEntry, Qualification, Status

from .matching import IndexedName, Source


class Verdict(StrEnum):
    ACCESS = "access"
    LEVEL_EVALUATION = "level_evaluation"
    RETIRED = "retired"
    NOT_NATIONAL = "not_national"
    UNCERTAIN = "uncertain"


def catalogue_names():
    """Every name of every qualification: its own, its aliases, its names in editions."""
    rows = Qualification.objects.values_list("id", "name", "status", "parent_id", "parent__status")
    listed = {}
    for pk, name, status, parent_id, parent_status in rows:
        listed[pk] = Status.RETIRED not in (status, parent_status)
        yield IndexedName(pk, name, Source.SUB_ITEM if parent_id else Source.NAME, listed[pk])
    for pk, name in Alias.objects.values_list("qualification_id", "name"):
        yield IndexedName(pk, name, Source.ALIAS, listed.get(pk, True))
    for pk, name in EditionEntry.objects.values_list("qualification_id", "name"):
        yield IndexedName(pk, name, Source.EDITION, listed.get(pk, True))
