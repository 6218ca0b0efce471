"""Government bodies and the staff who act for them.

Every app depends on this one and it depends on none of them: notices are issued by an
authority, enforcement cases are routed to one, staff users belong to one.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    COUNTY = "county", _("县级")


# How many leading digits of a GB/T 2260 code name the region an authority governs.
_PREFIX_LENGTH = {Level.NATIONAL: 0, Level.PROVINCIAL: 2, Level.MUNICIPAL: 4, Level.COUNTY: 6}


class AuthorityQuerySet(models.QuerySet):
    def within(self, authority: "Authority") -> "AuthorityQuerySet":
        """The authority and every authority in the region it governs."""
        prefix = authority.region_prefix
        if prefix is None:
            return self.filter(pk=authority.pk)
        return self.filter(Q(pk=authority.pk) | Q(division_code__startswith=prefix))


class Authority(models.Model):
    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=40, blank=True)
    level = models.CharField(_("层级"), max_length=12, choices=Level.choices)
    division_code = models.CharField(
        _("行政区划代码"),
        max_length=6,
        blank=True,
        # Empty below the national level when unknown (an authority met in an imported
        # document): such an authority governs no region until its code is entered.
        help_text=_("GB/T 2260 六位代码，如 350000 福建省、350100 福州市；国家级留空。"),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        verbose_name = _("机关")
        verbose_name_plural = _("机关")
        ordering = ["division_code", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__in=Level.values), name="authority_level_valid"
            ),
            models.CheckConstraint(
                condition=Q(division_code="") | Q(division_code__regex=r"^[1-9][0-9]{5}$"),
                name="authority_division_code_six_digits",
            ),
        ]
        indexes = [models.Index(fields=["division_code"])]

    def __str__(self) -> str:
        return self.name

    @property
    def region_prefix(self) -> str | None:
        """Leading digits shared by every division code in this authority's region.

        "" for a national body (the whole country); None when the code is unknown.
        """
        length = _PREFIX_LENGTH[Level(self.level)]
        if length == 0:
            return ""
        if not self.division_code:
            return None
        return self.division_code[:length]

    def governs(self, division_code: str) -> bool:
        """Whether a region code lies within this authority's jurisdiction."""
        prefix = self.region_prefix
        return prefix is not None and division_code.startswith(prefix)


class User(AbstractUser):
    """A portal account. Staff act for exactly one authority."""

    authority = models.ForeignKey(
        Authority,
        verbose_name=_("所属机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
