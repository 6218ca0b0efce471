from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("check/", views.check, name="check"),
    path("check/bulk/", views.check_bulk, name="check-bulk"),
    path("check/bulk/<str:job_id>/", views.check_bulk_job, name="check-bulk-job"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:token>/", views.verify_link, name="verify-link"),
]
