from django.urls import path

from . import api

urlpatterns = [
    path("advert-check/", api.AdvertCheckView.as_view(), name="advert-check"),
]
