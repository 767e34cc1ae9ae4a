"""In-app notifications: written once per active recipient, read only by their recipient, mailed when configured."""

from __future__ import annotations

from django.core import mail

from zhaoshang.accounts.models import Notification
from zhaoshang.accounts.selectors import notification_list, notification_unread_count
from zhaoshang.accounts.services import notification_mark_read, notification_send, user_update


def test_each_active_recipient_gets_one_notification(world, city_admin, leader, lianyun_officer):
    user_update(user=lianyun_officer, full_name=lianyun_officer.full_name, role=lianyun_officer.role,
                unit=lianyun_officer.unit, is_active=False)
    sent = notification_send(recipients=[city_admin, leader, leader, None, lianyun_officer], text="超期督办",
                             url="/factors/requests/1/", kind="factors.escalated")
    assert sent == 2
    assert sorted(Notification.objects.values_list("recipient__username", "text", "kind")) == [
        ("city_admin", "超期督办", "factors.escalated"), ("leader", "超期督办", "factors.escalated")]


def test_only_the_recipient_reads_and_marks_them(world, city_admin, leader):
    notification_send(recipients=[city_admin], text="甲")
    notification_send(recipients=[city_admin, leader], text="乙")
    assert [n.text for n in notification_list(user=city_admin)] == ["乙", "甲"]
    # the leader cannot mark the city admin's notifications
    assert notification_mark_read(user=leader, ids=[n.id for n in notification_list(user=city_admin)]) == 0
    assert (notification_unread_count(user=city_admin), notification_unread_count(user=leader)) == (2, 1)
    assert notification_mark_read(user=city_admin) == 2
    assert notification_unread_count(user=city_admin) == 0


def test_with_email_configured_the_text_is_mailed_after_commit(world, city_admin, settings,
                                                                django_capture_on_commit_callbacks):
    settings.EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    user_update(user=city_admin, full_name=city_admin.full_name, role=city_admin.role, unit=city_admin.unit,
                email="wang@lyg.gov.cn")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipients=[city_admin], text="新的用地需求", url="/factors/requests/1/")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["wang@lyg.gov.cn"], "【招商引资服务平台】新的用地需求")]
