"""Admin for the rules' data of version 2: read-only, loaded from data/ by load_catalogue."""

from django.contrib import admin

from ..models import (
    AdvertPhrase,
    Cancellation,
    ColloquialName,
    DataRelease,
    Exit,
    ForbiddenWord,
    VerificationService,
)


class _ReadOnly(admin.ModelAdmin):
    """These rows change only by editing data/ and reloading, so that data/ stays the truth."""

    list_filter = ["verification"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Exit)
class ExitAdmin(_ReadOnly):
    list_display = ["name", "left_on", "document", "verification"]
    search_fields = ["name", "document", "note"]


@admin.register(Cancellation)
class CancellationAdmin(_ReadOnly):
    list_display = ["name", "batch", "category", "kind", "verification"]
    list_select_related = ["batch"]
    search_fields = ["name", "note"]


@admin.register(VerificationService)
class VerificationServiceAdmin(_ReadOnly):
    list_display = ["certificate_kind", "service_name", "url", "run_by", "verification"]


@admin.register(ForbiddenWord)
class ForbiddenWordAdmin(_ReadOnly):
    list_display = ["text", "applies_to", "document", "since", "verification"]
    list_filter = ["applies_to", "verification"]


@admin.register(ColloquialName)
class ColloquialNameAdmin(_ReadOnly):
    list_display = ["colloquial_name", "certificate", "licenses_work", "catalogue_item"]


@admin.register(AdvertPhrase)
class AdvertPhraseAdmin(_ReadOnly):
    list_display = ["phrase", "document", "verification"]
    search_fields = ["phrase", "signals"]


@admin.register(DataRelease)
class DataReleaseAdmin(_ReadOnly):
    list_display = ["version", "loaded_at"]
    list_filter = []
