"""The catalogue's enumerations, as the notice names them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    PROFESSIONAL_TECHNICAL = "professional-technical", _("专业技术人员职业资格")
    SKILLED = "skilled", _("技能人员职业资格")


class Kind(models.TextChoices):
    ACCESS = "access", _("准入类")
    LEVEL_EVALUATION = "level-evaluation", _("水平评价类")


KIND_EXPLAINED = {
    Kind.ACCESS: _(
        "准入类：法律、行政法规或国务院决定规定从事该职业必须取得的资格，可以与就业创业挂钩。"
    ),
    Kind.LEVEL_EVALUATION: _(
        "水平评价类：证明具有相应专业水平或技能等级，不得作为就业创业的前置条件。"
    ),
}


class Status(models.TextChoices):
    LISTED = "listed", _("在目录中")
    RETIRED = "retired", _("已退出或取消")


class Action(models.TextChoices):
    ADDED = "added", _("新增")
    AMENDED = "amended", _("修改")
    RETIRED = "retired", _("退出或取消")
    RECLASSIFIED = "reclassified", _("调整类型或类别")
    RENAMED = "renamed", _("更名")
    SUB_ITEM_ADDED = "sub_item_added", _("增加子项")
    SUB_ITEM_REMOVED = "sub_item_removed", _("删除子项")
    GROUP_REMOVED = "group_removed", _("成组退出")
