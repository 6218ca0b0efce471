from django.urls import path

from . import views

app_name = "enforcement"

urlpatterns = [
    path("report/", views.report_create, name="report-create"),
    path("report/submit/", views.report_submit, name="report-submit"),
    path("report/receipt/", views.report_receipt, name="report-receipt"),
    path(
        "report/receipt/download/",
        views.report_receipt_download,
        name="report-receipt-download",
    ),
    path("track/", views.report_track, name="report-track"),
    path("track/add/", views.report_add_information, name="report-add-information"),
    path("statistics/", views.report_statistics_page, name="report-statistics"),
    path("cases/", views.case_list, name="case-list"),
    path("cases/<int:pk>/", views.case_detail, name="case-detail"),
    path("cases/<int:pk>/transition/", views.case_transition, name="case-transition"),
    path("cases/<int:pk>/messages/", views.case_message, name="case-message"),
    path(
        "cases/<int:case_pk>/evidence/<int:pk>/",
        views.evidence_download,
        name="evidence-download",
    ),
]
