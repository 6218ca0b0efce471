from django.urls import path

from . import api

urlpatterns = [
    path("reports/", api.ReportCreateAPI.as_view(), name="api-report-create"),
    path("reports/track/", api.ReportTrackAPI.as_view(), name="api-report-track"),
    path(
        "reports/track/additions/",
        api.ReportAddInformationAPI.as_view(),
        name="api-report-add-information",
    ),
    path("cases/", api.CaseListAPI.as_view(), name="api-case-list"),
    path("reports/statistics/", api.ReportStatisticsAPI.as_view(), name="api-report-statistics"),
]
