"""Background work of accounts: mailing notifications when e-mail is configured."""

from __future__ import annotations

from django.core.mail import send_mail
from huey.contrib.djhuey import db_task


@db_task(retries=2, retry_delay=60)
def notification_email(*, emails: list[str], text: str, url: str = "") -> None:
    body = f"{text}\n\n{url}" if url else text
    send_mail(subject=f"【招商引资服务平台】{text[:40]}", message=body, from_email=None, recipient_list=emails)
