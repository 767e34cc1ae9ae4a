"""No lost update when two officers edit one project; fulfilment realisation rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhaoshang.core.errors import BusinessError
from zhaoshang.projects.fulfilment import DEFAULT_EXPECTED, capital_realisation, is_behind
from zhaoshang.projects.models import Project
from zhaoshang.projects.services import capital_entry_add, project_update

from .factories import make_project


def test_the_second_save_of_a_stale_form_is_refused_and_the_first_kept(world, lianyun_officer):
    project = make_project(user=lianyun_officer, total_investment="10000")
    opened_by_a = opened_by_b = project.version
    project_update(user=lianyun_officer, project=project, version=opened_by_a, data={"total_investment": Decimal(20000)})
    with pytest.raises(BusinessError, match="已被他人修改") as exc:
        project_update(user=lianyun_officer, project=project, version=opened_by_b,
                       data={"total_investment": Decimal(30000)})
    assert exc.value.status == 409
    saved = Project.objects.get(pk=project.pk)
    assert (saved.total_investment, saved.version) == (Decimal(20000), 2)


def test_the_edit_page_shows_the_conflict(client, world, lianyun_officer):
    project = make_project(user=lianyun_officer, name="并发测试项目", total_investment="10000")
    client.force_login(lianyun_officer)
    form = {"name": "并发测试项目", "kind": "new", "total_investment": "20000", "version": "1"}
    assert client.post(f"/projects/{project.id}/edit/", form).status_code == 302
    second = client.post(f"/projects/{project.id}/edit/", {**form, "total_investment": "30000"})
    assert second.status_code == 400
    assert "已被他人修改并保存" in second.content.decode()
    assert Project.objects.get(pk=project.pk).total_investment == Decimal(20000)


def test_realisation_at_each_anniversary():
    entries = [(date(2024, 6, 1), Decimal(20000)), (date(2025, 2, 1), Decimal(30000)), (date(2026, 1, 1), Decimal(10000))]
    out = capital_realisation(signed_on=date(2024, 3, 1), committed=Decimal(100000), entries=entries,
                              today=date(2026, 11, 26))
    assert [(r.years_after_signing, r.as_of, r.actual, r.rate) for r in out] == [
        (1, date(2025, 3, 1), Decimal(50000), Decimal("0.5000")),
        (2, date(2026, 3, 1), Decimal(60000), Decimal("0.6000")),
    ]
    assert is_behind(out, expected=DEFAULT_EXPECTED) is None
    assert is_behind(out[:1] and [out[0]], expected={1: Decimal("0.6")}) == \
        "签约满 1 年，到位资金 50000 万元，仅为承诺的 50.0%（应不低于 60%）"


def test_capital_needs_a_signed_project_and_a_positive_amount(world, lianyun_officer):
    project = make_project(user=lianyun_officer)
    with pytest.raises(BusinessError, match="只有已签约的项目才能登记到位资金"):
        capital_entry_add(user=lianyun_officer, project=project, entry_date=date(2026, 5, 1), amount=Decimal(1))
    Project.objects.filter(pk=project.pk).update(stage="signed", signed_on=date(2026, 3, 1))
    project.refresh_from_db()
    with pytest.raises(BusinessError, match="到位日期不能早于签约日期（2026-03-01）"):
        capital_entry_add(user=lianyun_officer, project=project, entry_date=date(2026, 2, 1), amount=Decimal(1))
    entry = capital_entry_add(user=lianyun_officer, project=project, entry_date=date(2026, 5, 1),
                              amount=Decimal("1234.5"))
    assert entry.amount == Decimal("1234.5") and project.capital_entries.count() == 1
