"""`zhaoshang init`: a production start with the real reference data and the first accounts, and no demo data."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from zhaoshang.accounts.models import User
from zhaoshang.chains.models import Chain
from zhaoshang.factors.models import CalendarDay, RoutingRule
from zhaoshang.firms.models import Firm
from zhaoshang.leads.models import Lead
from zhaoshang.organizations.models import Unit
from zhaoshang.projects.models import Project

PASSWORD = "Init@2026pass"


def test_init_loads_the_real_data_and_the_first_accounts_only(db, monkeypatch, client):
    monkeypatch.setenv("ZHAOSHANG_INIT_PASSWORD", PASSWORD)
    call_command("init", "--no-migrate", stdout=open("/dev/null", "w"))
    assert sorted(User.objects.values_list("username", "role")) == [
        ("auditor", "audit_admin"), ("city_admin", "city_admin"), ("secadmin", "security_admin"),
        ("sysadmin", "system_admin")]
    assert Unit.objects.filter(kind="department").count() == 8 and Unit.objects.get(code="xuwei").name == "徐圩新区"
    assert Chain.objects.count() == 3 and RoutingRule.objects.filter(kind="land").exists()
    assert CalendarDay.objects.filter(day="2026-10-01", is_working_day=False).exists()
    # nothing synthetic: no projects, leads or generated firms
    assert (Project.objects.count(), Lead.objects.count(), Firm.objects.filter(is_demo=True).count()) == (0, 0, 0)
    assert Firm.objects.filter(is_chain_leader=True).count() >= 17
    # the city admin logs in with the initial password and sees an empty, working project list
    response = client.post("/accounts/login/", {"username": "city_admin", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/projects/").status_code == 200

    counts = (Unit.objects.count(), Firm.objects.count(), RoutingRule.objects.count(), CalendarDay.objects.count())
    call_command("init", "--no-migrate", stdout=open("/dev/null", "w"))  # again: nothing doubled
    assert (Unit.objects.count(), Firm.objects.count(), RoutingRule.objects.count(),
            CalendarDay.objects.count()) == counts and User.objects.count() == 4


def test_a_weak_initial_password_is_refused_and_nothing_is_written(db, monkeypatch):
    monkeypatch.setenv("ZHAOSHANG_INIT_PASSWORD", "short")
    with pytest.raises(CommandError, match="密码长度太短"):
        call_command("init", "--no-migrate", stdout=open("/dev/null", "w"))
    assert (User.objects.count(), Unit.objects.count(), Chain.objects.count()) == (0, 0, 0)
