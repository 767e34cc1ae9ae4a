"""Working days (工作日): how government deadlines (办理时限) are counted.

Monday to Friday, minus the statutory holidays (法定节假日), plus the weekend days worked in
their place (调休上班). The city admin keeps both in the calendar table (CalendarDay); this
module is plain date arithmetic on what the table holds, so it is tested without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = field(default_factory=frozenset)  # weekdays off
    extra_workdays: frozenset[date] = field(default_factory=frozenset)  # weekend days worked

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: date, days: int) -> date:
        """The ``days``-th working day after ``start`` (the start day itself is not counted)."""
        current = start
        remaining = days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: 0 when end is not after start."""
        count = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


def at(day: date, hour: int = 10) -> datetime:
    """An aware moment on ``day`` in the platform's time zone: the clock services are given
    when the demo back-dates a timeline (and when tests fix the time)."""
    return timezone.make_aware(datetime.combine(day, time(hour)))
