from django.urls import path

from . import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("catalogue/", views.qualification_list, name="qualification-list"),
    path("catalogue/<int:pk>/", views.qualification_detail, name="qualification-detail"),
    path("editions/", views.edition_list, name="edition-list"),
]
