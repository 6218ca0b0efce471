from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Authority, User


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "division_code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "division_code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("所属机关"), {"fields": ["authority"]}),)
    list_display = ["username", "authority", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_active", "groups", "authority__level"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
