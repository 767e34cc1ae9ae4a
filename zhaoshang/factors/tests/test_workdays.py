"""Working days: Monday–Friday, minus statutory holidays, plus the weekend days worked (调休)."""

from __future__ import annotations

from datetime import date

from zhaoshang.factors.workdays import WorkCalendar

PLAIN = WorkCalendar()
# 2026 国庆: 10-01 … 10-07 off (the weekdays among them listed), 09-20 (Sunday) and 10-10 (Saturday) worked.
NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in (1, 2, 5, 6, 7)),
    extra_workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}),
)


def test_the_day_itself_is_not_counted_and_weekends_are_skipped():
    friday = date(2026, 3, 6)
    assert PLAIN.add_working_days(friday, 0) == friday
    assert PLAIN.add_working_days(friday, 1) == date(2026, 3, 9)
    assert PLAIN.add_working_days(date(2026, 3, 2), 15) == date(2026, 3, 23)


def test_holidays_are_skipped_and_make_up_weekend_days_count():
    # given a request raised on Wednesday 2026-09-30, due in 5 working days
    due = NATIONAL_DAY.add_working_days(date(2026, 9, 30), 5)
    # then 10-01…10-07 do not count, Saturday 10-10 does: 10-08, 10-09, 10-10, 10-12, 10-13
    assert due == date(2026, 10, 13)
    assert NATIONAL_DAY.is_working_day(date(2026, 9, 20)) is True
    assert NATIONAL_DAY.is_working_day(date(2026, 10, 5)) is False


def test_working_days_between_counts_the_end_but_not_the_start():
    assert PLAIN.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert PLAIN.working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert PLAIN.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == 0
    assert NATIONAL_DAY.working_days_between(date(2026, 9, 30), date(2026, 10, 10)) == 3
