"""Reminders: sent by the issuer's staff to divisions with no record, refused twice a day,
shown on the coverage page, in the reminded authority's queue and its Atom feed."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from notice_factories import make_notice

from authorities import roles
from notices.models import Reminder
from notices.services import reminder_send


@pytest.fixture
def ministry_publisher(django_user_model, ministry):
    user = django_user_model.objects.create_user(
        username="ministry-publisher",
        password="pw-for-tests-only",
        is_staff=True,
        authority=ministry,
    )
    user.groups.add(Group.objects.get(name=roles.NOTICE_PUBLISHER))
    return user


@pytest.fixture
def guangdong(guangzhou):
    return guangzhou.parent


def _remind(client, notice, *authorities, text="请尽快转发。"):
    return client.post(
        f"/notices/{notice.pk}/reminders/",
        {"authority": [a.pk for a in authorities], "text": text},
    )


def test_the_issuers_official_reminds_a_division_with_no_record(
    client, chain, ministry_publisher, guangdong
):
    origin = chain[0]
    client.force_login(ministry_publisher)
    assert _remind(client, origin, guangdong).status_code == 302
    (reminder,) = Reminder.objects.all()
    assert (reminder.authority, reminder.sent_by, reminder.text) == (
        guangdong,
        ministry_publisher,
        "请尽快转发。",
    )
    assert reminder.division_code == "440000"
    page = client.get(f"/notices/{origin.pk}/coverage/").content.decode()
    assert f"{timezone.localtime(reminder.sent_at):%Y-%m-%d} 已提醒" in page
    assert "请尽快转发。" in page and "ministry-publisher" in page


def test_a_second_reminder_within_a_day_is_refused_and_a_day_later_accepted(
    chain, ministry_publisher, guangdong
):
    origin = chain[0]
    reminder_send(user=ministry_publisher, notice=origin, authorities=[guangdong], text="一")
    with pytest.raises(ValidationError, match="一天之内已被提醒过"):
        reminder_send(user=ministry_publisher, notice=origin, authorities=[guangdong], text="二")
    Reminder.objects.update(sent_at=Reminder.objects.get().sent_at - timedelta(days=1, minutes=1))
    reminder_send(user=ministry_publisher, notice=origin, authorities=[guangdong], text="三")
    assert Reminder.objects.count() == 2


def test_only_the_issuers_staff_may_remind(chain, fujian_publisher, guangdong):
    with pytest.raises(PermissionDenied):
        reminder_send(user=fujian_publisher, notice=chain[0], authorities=[guangdong], text="x")


def test_a_division_that_has_forwarded_is_not_reminded(chain, ministry_publisher, fujian):
    with pytest.raises(ValidationError, match="已有转发记录"):
        reminder_send(user=ministry_publisher, notice=chain[0], authorities=[fujian], text="x")
    assert not Reminder.objects.exists()


def test_a_reminder_about_a_draft_is_refused(ministry, ministry_publisher, guangdong):
    draft = make_notice(ministry, doc_number="人社部发〔2018〕1号", published=False)
    with pytest.raises(ValidationError, match="已公开发布"):
        reminder_send(user=ministry_publisher, notice=draft, authorities=[guangdong], text="x")


def test_the_reminded_authoritys_staff_find_it_in_their_queue_and_feed(
    client, chain, ministry_publisher, guangdong, django_user_model
):
    reminder_send(user=ministry_publisher, notice=chain[0], authorities=[guangdong], text="请转发")
    staff = django_user_model.objects.create_user(
        username="gd", password="pw-for-tests-only", is_staff=True, authority=guangdong
    )
    other = django_user_model.objects.create_user(
        username="fj", password="pw-for-tests-only", is_staff=True, authority=chain[1].issuer
    )
    client.force_login(staff)
    assert "请转发" in client.get("/notices/reminders/").content.decode()
    client.force_login(other)
    assert "请转发" not in client.get("/notices/reminders/").content.decode()
    feed = client.get(f"/notices/feed/authority/{guangdong.pk}/reminders/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "请转发" in feed.content.decode()
    assert "人力资源社会保障部关于公布国家职业资格目录的通知" in feed.content.decode()


def test_the_api_coverage_shows_the_reminded_division(client, chain, ministry_publisher, guangdong):
    reminder_send(user=ministry_publisher, notice=chain[0], authorities=[guangdong], text="x")
    data = client.get(f"/api/v1/notices/{chain[0].pk}/coverage/").json()
    guangdong_row = next(d for d in data["divisions"] if d["code"] == "440000")
    assert guangdong_row["status"] == "reminded" and guangdong_row["reminded_on"]
