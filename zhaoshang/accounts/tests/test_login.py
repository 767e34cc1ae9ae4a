"""Login in Chinese, lockout after repeated failures, session timeout."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from zhaoshang.demo.lianyungang import DEMO_PASSWORD


def test_login_page_is_chinese_and_needs_no_internet(client, world):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "账号登录" in html and "连续 5 次密码错误将锁定账号" in html
    assert "http://" not in html and "https://" not in html  # every asset is served locally


def test_every_page_requires_login(client, world):
    response = client.get("/projects/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/projects/"


def test_a_good_login_lands_on_the_workbench(client, world):
    response = client.post(reverse("accounts:login"), {"username": "haizhou", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_wrong_password_is_explained_in_chinese(client, world):
    response = client.post(reverse("accounts:login"), {"username": "haizhou", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()


def test_five_failures_lock_the_account_even_with_the_right_password(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "haizhou", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "haizhou", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "已被临时锁定" in response.content.decode()
    # another account is not affected
    other = client.post(reverse("accounts:login"), {"username": "xuwei", "password": DEMO_PASSWORD})
    assert other.status_code == 302


def test_the_security_administrator_unlocks_an_account(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "haizhou", "password": "wrong"})
    client.force_login(world.user("secadmin"))
    page = client.get(reverse("accounts:security")).content.decode()
    assert "haizhou" in page
    client.post(reverse("accounts:unlock"), {"username": "haizhou"})
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": "haizhou", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_sessions_time_out_after_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_interface_is_chinese_even_for_an_english_browser_until_english_is_chosen(client, world):
    client.force_login(world.user("haizhou"))
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert 'lang="zh-hans"' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
