from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvertsConfig(AppConfig):
    name = "adverts"
    verbose_name = _("招聘和培训广告检查")
