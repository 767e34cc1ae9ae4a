"""Every business model is audited; only the audit administrator reads it; nobody edits it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from zhaoshang.audit.registry import audited_models, model_key
from zhaoshang.core.services import model_update
from zhaoshang.projects.tests.factories import make_project


def test_every_business_model_has_a_history_table():
    keys = {model_key(m) for m in audited_models()}
    assert {"projects.project", "projects.followup", "leads.lead", "firms.firm", "organizations.unit",
            "accounts.user"} <= keys


def test_a_change_records_who_when_and_before_after(world, lianyun_officer):
    project = make_project(user=lianyun_officer, total_investment="10000")
    project._history_user = lianyun_officer
    model_update(instance=project, fields=["total_investment"], data={"total_investment": Decimal("25000")})
    latest, created = project.history.all()[:2]
    assert (created.history_type, latest.history_type) == ("+", "~")
    delta = latest.diff_against(created)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("total_investment", Decimal("10000.0000"),
                                                                  Decimal("25000.0000"))]
    assert latest.history_user == lianyun_officer


def test_the_auditor_reads_changes_with_before_and_after(client, world, lianyun_officer):
    project = make_project(user=lianyun_officer, name="审计测试项目", total_investment="10000")
    project._history_user = lianyun_officer
    model_update(instance=project, fields=["name"], data={"name": "审计测试项目（改名）"})
    client.force_login(world.user("auditor"))
    html = client.get(reverse("audit:log"), {"model": "projects.project"}).content.decode()
    assert "审计测试项目 → 审计测试项目（改名）" in html.replace("</span>", "").replace(
        '<span class="text-secondary">', "")
    assert "周海涛" in html  # the 连云区 officer who changed it


@pytest.mark.parametrize("username", ["city_admin", "lianyun", "leader", "sysadmin", "secadmin"])
def test_nobody_but_the_auditor_reads_the_audit_trail(client, world, username):
    client.force_login(world.user(username))
    assert client.get(reverse("audit:log")).status_code == 404


def test_the_audit_trail_has_no_write_endpoint(client, world):
    client.force_login(world.user("auditor"))
    before = world.user("auditor").history.count()
    response = client.post(reverse("audit:log"), {"model": "accounts.user"})
    assert response.status_code == 405
    assert world.user("auditor").history.count() == before
