from django.urls import path

from . import views

app_name = "adverts"

urlpatterns = [
    path("advert-check/", views.check, name="check"),
]
