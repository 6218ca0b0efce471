from django.urls import path

from . import views
from .caching import cache_public
from .feeds import AdjustmentFeed, QualificationAdjustmentFeed

app_name = "catalogue"

# Public pages are served from the catalogue cache (caching.py), renewed on every change.
urlpatterns = [
    path("", cache_public(views.home), name="home"),
    path("catalogue/", cache_public(views.qualification_list), name="qualification-list"),
    path(
        "catalogue/export.csv",
        cache_public(views.qualification_export),
        {"fmt": "csv"},
        name="export-csv",
    ),
    path(
        "catalogue/export.json",
        cache_public(views.qualification_export),
        {"fmt": "json"},
        name="export-json",
    ),
    path(
        "catalogue/<int:pk>/",
        cache_public(views.qualification_detail),
        name="qualification-detail",
    ),
    path(
        "catalogue/<int:pk>/feed/",
        cache_public(QualificationAdjustmentFeed()),
        name="qualification-feed",
    ),
    path("catalogue/feed/", cache_public(AdjustmentFeed()), name="adjustment-feed"),
    path("editions/", cache_public(views.edition_list), name="edition-list"),
    path("editions/compare/", cache_public(views.edition_compare), name="edition-compare"),
    path("editions/<int:year>/", cache_public(views.edition_detail), name="edition-detail"),
]
