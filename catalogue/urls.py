from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("catalogue/", views.qualification_list, name="qualification-list"),
    path("catalogue/export.csv", views.qualification_export, {"fmt": "csv"}, name="export-csv"),
    path("catalogue/export.json", views.qualification_export, {"fmt": "json"}, name="export-json"),
    path("catalogue/<int:pk>/", views.qualification_detail, name="qualification-detail"),
    path("editions/", views.edition_list, name="edition-list"),
    path("editions/compare/", views.edition_compare, name="edition-compare"),
    path("editions/<int:year>/", views.edition_detail, name="edition-detail"),
]
