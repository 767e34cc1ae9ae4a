"""core.bulk: the fast insert keeps what the ORM would store, and the history row is the stored row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from zhaoshang.core.bulk import history_copy, insert_objects
from zhaoshang.projects.models import Project, ProjectEvent


def test_inserted_rows_get_their_ids_and_a_history_row_each(world):
    user, now = world.user("lianyun"), timezone.now()
    projects = [Project(code=f"T-{i}", name=f"批量项目{i}", unit=user.unit, total_investment=Decimal(f"{i}00.5"),
                        stage="negotiating", negotiation_started_on=date(2026, 3, i + 1),
                        stage_changed_on=date(2026, 3, i + 1), created_by=user) for i in range(3)]
    ids = insert_objects(Project, projects, now=now)
    assert ids == [p.pk for p in projects] and len(set(ids)) == 3
    stored = {p.code: p for p in Project.objects.filter(pk__in=ids)}
    assert [(stored[f"T-{i}"].pk, stored[f"T-{i}"].total_investment, stored[f"T-{i}"].created_at)
            for i in range(3)] == [(ids[i], Decimal(f"{i}00.5"), now) for i in range(3)]

    assert history_copy(Project, ids, history_type="+", reason="Excel 导入", user_id=user.pk, now=now) == 3
    rows = Project.history.filter(id__in=ids).order_by("id")
    assert [(h.id, h.name, h.history_type, h.history_change_reason, h.history_user_id) for h in rows] == \
        [(ids[i], f"批量项目{i}", "+", "Excel 导入", user.pk) for i in range(3)]


def test_json_and_auto_now_fields_are_written(world):
    user, now = world.user("lianyun"), timezone.now()
    project = Project.objects.create(code="T-J", name="事件项目", unit=user.unit, total_investment=Decimal(1),
                                     stage="negotiating", negotiation_started_on=date(2026, 3, 1),
                                     stage_changed_on=date(2026, 3, 1), created_by=user)
    insert_objects(ProjectEvent, [ProjectEvent(project=project, actor=user, kind="imported", text="导入",
                                               data={"import_job": 7, "fields": ["name"]})], now=now)
    event = ProjectEvent.objects.get(project=project, kind="imported")
    assert (event.data, event.happened_at) == ({"import_job": 7, "fields": ["name"]}, now)
