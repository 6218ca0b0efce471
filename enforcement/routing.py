"""Which authority handles a report from a region.

The county (or district) bureau where the portal knows one, else the city's, else the
province's, else the ministry: the lowest level that governs the region.
"""

from django.db.models import Q

from authorities.models import Authority, Level

# Which level an authority must have to handle a region code at each position.
_LEVEL_OF_CODE = (Level.COUNTY, Level.MUNICIPAL, Level.PROVINCIAL)


class NoAuthorityError(Exception):
    """No authority at all is on record, not even a national one."""


def _candidates(region_code: str) -> list[str]:
    return [region_code, region_code[:4] + "00", region_code[:2] + "0000"]


def authority_for_region(region_code: str) -> Authority:
    """One query: the candidates at each level and the national authority, best first."""
    codes = _candidates(region_code)
    found = {
        (a.division_code, a.level): a
        for a in Authority.objects.filter(
            Q(division_code__in=codes) | Q(level=Level.NATIONAL)
        ).order_by("-pk")
    }
    for code, level in [*zip(codes, _LEVEL_OF_CODE, strict=True), ("", Level.NATIONAL)]:
        if (code, level) in found:
            return found[(code, level)]
    raise NoAuthorityError("no national authority is on record to receive reports")
