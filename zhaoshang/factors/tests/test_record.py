"""The department record: received, resolved, on-time %, mean days, overdue now — and the ranking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from zhaoshang.factors import selectors, services
from zhaoshang.factors.workdays import at

from .factories import make_request

TODAY = date(2026, 11, 26)
Q1 = selectors.record_period(kind="quarter", year=2026, number=1)


@pytest.fixture
def history(routed, lianyun_officer, lianyun_project, land_dept, approval_dept):
    def land(**kw):
        return make_request(user=lianyun_officer, project=lianyun_project, kind="land", on=date(2026, 3, 2), **kw)
    # land (15 working days, due 03-23): on time in 6 days, late in 17, on time in 13 after 3 days' waiting
    services.factor_request_resolve(user=land_dept, request=land(), outcome="已供地", now=at(date(2026, 3, 10)))
    services.factor_request_resolve(user=land_dept, request=land(), outcome="已供地", now=at(date(2026, 3, 25)))
    r = services.factor_request_ask_info(user=land_dept, request=land(), text="补充", now=at(date(2026, 3, 3)))
    r = services.factor_request_answer(user=lianyun_officer, request=r, text="已补", now=at(date(2026, 3, 6)))
    services.factor_request_resolve(user=land_dept, request=r, outcome="已供地", now=at(date(2026, 3, 24)))
    services.factor_request_accept(user=land_dept, request=land(), now=at(date(2026, 3, 3)))  # still open: overdue
    services.factor_request_decline(user=land_dept, request=land(), reason="不符合规划", now=at(date(2026, 3, 4)))
    # approval (5 working days): resolved in 3
    a = make_request(user=lianyun_officer, project=lianyun_project, kind="approval", on=date(2026, 3, 2))
    services.factor_request_resolve(user=approval_dept, request=a, outcome="已核发", now=at(date(2026, 3, 5)))


def _row(r):
    return (r.rank, str(r.department), r.received, r.resolved, r.on_time, r.on_time_pct, r.mean_days, r.declined,
            r.overdue_now, r.open_now)


def test_the_record_counts_exactly_and_ranks_by_on_time_rate(history, leader):
    rows = [_row(r) for r in selectors.department_record(user=leader, period=Q1, today=TODAY)]
    assert rows == [
        (1, "市行政审批局", 1, 1, 1, Decimal("100.0"), Decimal("3.0"), 0, 0, 0),
        (2, "市自然资源和规划局", 5, 3, 2, Decimal("66.7"), Decimal("12.0"), 1, 1, 1),
        (3, "市商务局", 0, 0, 0, None, None, 0, 0, 0),
        (4, "市发改委", 0, 0, 0, None, None, 0, 0, 0),
        (5, "市生态环境局", 0, 0, 0, None, None, 0, 0, 0),
        (6, "市金融监管局", 0, 0, 0, None, None, 0, 0, 0),
        (7, "市人社局", 0, 0, 0, None, None, 0, 0, 0),
        (8, "市工信局", 0, 0, 0, None, None, 0, 0, 0),
    ]


def test_another_period_counts_nothing_but_what_is_overdue_now(history, leader):
    april = selectors.record_period(kind="month", year=2026, number=4)
    land = next(r for r in selectors.department_record(user=leader, period=april, today=TODAY)
                if r.department.code == "dept-land")
    assert (land.received, land.resolved, land.on_time_pct, land.overdue_now) == (0, 0, None, 1)


def test_periods_are_calendar_months_quarters_and_years():
    assert (Q1.start, Q1.end, Q1.label) == (date(2026, 1, 1), date(2026, 3, 31), "2026年第1季度")
    feb = selectors.record_period(kind="month", year=2028, number=2)
    assert (feb.start, feb.end, feb.label) == (date(2028, 2, 1), date(2028, 2, 29), "2028年2月")
    year = selectors.record_period(kind="bogus", year=2026, number=9)
    assert (year.kind, year.start, year.end) == ("year", date(2026, 1, 1), date(2026, 12, 31))


def test_the_record_page_shows_the_ranking_and_its_definitions(client, history, world):
    client.force_login(world.user("approval_dept"))
    response = client.get(reverse("factors:record"), {"period": "quarter", "year": "2026", "n": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "部门要素保障办理情况 · 2026年第1季度" in page
    assert "66.7%" in page and "12.0 天" in page
    assert "按期办结率：本期办结件中，办结日期不晚于办理期限的比例" in page
