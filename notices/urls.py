from django.urls import path

from . import feeds, views, views_import, views_reminders

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="notice-list"),
    path("new/", views.notice_create, name="notice-create"),
    path("import/", views_import.notice_import, name="notice-import"),
    path("feed/", feeds.LatestNoticesFeed(), name="notice-feed"),
    path("feed/authority/<int:pk>/", feeds.AuthorityNoticesFeed(), name="authority-feed"),
    path("<int:pk>/", views.notice_detail, name="notice-detail"),
    path("<int:pk>/tree/", views.notice_tree, name="notice-tree"),
    path("<int:pk>/coverage/", views_reminders.notice_coverage, name="notice-coverage"),
    path("<int:pk>/reminders/", views_reminders.reminder_send, name="reminder-send"),
    path("reminders/", views_reminders.reminder_queue, name="reminder-queue"),
    path(
        "feed/authority/<int:pk>/reminders/",
        feeds.AuthorityRemindersFeed(),
        name="authority-reminders-feed",
    ),
    path("<int:pk>/forward/", views.notice_forward, name="notice-forward"),
    path("<int:pk>/publish/", views.notice_publish, name="notice-publish"),
]
