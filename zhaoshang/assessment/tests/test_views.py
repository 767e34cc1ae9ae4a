"""Pages: who sees what, the drill-down from the cockpit to units and projects, targets in and out of Excel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from zhaoshang.assessment import services
from zhaoshang.assessment.models import AssessmentScheme, ProjectFlag, Target
from zhaoshang.projects.tests.factories import make_project

from .conftest import sign


def test_a_leaders_home_is_the_cockpit(small_city, leader, client):
    client.force_login(leader)
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "cockpit/cockpit.html"
    cards = {c["code"]: c for c in response.context["cards"]}
    assert cards["signed_count"]["value"] == "6" and cards["signed_count"]["target"] == "11"


def test_the_cockpit_drills_down_to_the_unit_and_its_projects(small_city, leader, client, world):
    client.force_login(leader)
    page = client.get("/cockpit/").content.decode()
    haizhou = world.unit("haizhou")
    assert f'href="/assessment/units/{haizhou.pk}/?indicator=signed_count' in page
    unit = client.get(f"/assessment/units/{haizhou.pk}/", {"indicator": "signed_count"})
    assert unit.status_code == 200
    rows = unit.context["contributions"]
    assert [(r["project"].name, r["counted"]) for r in rows] == [
        ("海州医疗器械产业园项目", True), ("海州创新药产业化项目", True), ("海州高端装备项目", True)]
    assert rows[0]["rule"] == "2026-02-10 签约；符合认定：总投资 3 亿元，达到县区认定门槛 1 亿元"
    assert f'href="/projects/{small_city.projects["h1"].pk}/"' in unit.content.decode()


def test_a_refused_project_shows_the_rule_that_refused_it(small_city, city_admin, client, world):
    services.recognition_flag_set(user=city_admin, project=small_city.projects["h3"], category="later_phase",
                                  reason="一期已于上年计入")
    client.force_login(city_admin)
    rows = client.get(f"/assessment/units/{world.unit('haizhou').pk}/").context["contributions"]
    refused = [r for r in rows if not r["counted"]]
    assert [(r["project"].name, r["rule"]) for r in refused] == [
        ("海州高端装备项目", "不计入：已签约项目的后续期（一期已于上年计入）")]
    page = client.get(f"/assessment/projects/{small_city.projects['h3'].pk}/", {"year": 2026})
    assert page.status_code == 200
    assert page.context["verdict"].rule == "不计入：已签约项目的后续期（一期已于上年计入）"


def test_a_unit_officer_sees_only_their_own_units_progress(small_city, client, world):
    lianyun, haizhou = world.unit("lianyun"), world.unit("haizhou")
    client.force_login(world.user("lianyun"))
    assert client.get("/cockpit/").status_code == 403
    response = client.get("/assessment/")
    assert (response.status_code, response["Location"]) == (302, f"/assessment/units/{lianyun.pk}/")
    assert client.get(f"/assessment/units/{lianyun.pk}/").status_code == 200
    assert client.get(f"/assessment/units/{haizhou.pk}/").status_code == 404
    assert client.get(f"/assessment/projects/{small_city.projects['h1'].pk}/").status_code == 404
    assert client.get("/assessment/briefings/").status_code == 403


def test_a_joint_partners_project_is_counted_but_not_shown_to_the_other_unit(small_city, city_admin, client, world):
    x1 = small_city.projects["x1"]
    services.attribution_set(user=city_admin, project=x1, shares=[(x1.unit, Decimal("0.6")),
                                                                  (world.unit("lianyun"), Decimal("0.4"))])
    client.force_login(world.user("lianyun"))
    response = client.get(f"/assessment/units/{world.unit('lianyun').pk}/")
    rows = response.context["contributions"]
    assert [(r["project"].name if r["project"] else None, r["hidden"], r["value"]) for r in rows] == [
        ("连云港口物流项目", False, "1"), (None, True, "0.4")]
    assert "徐圩高端聚烯烃项目" not in response.content.decode()


def test_the_cockpit_reads_a_fixed_number_of_queries_whatever_the_number_of_projects(small_city, leader, client,
                                                                                 world, monkeypatch):
    monkeypatch.setattr(services, "STALE_SECONDS", 0)  # recount at once when the records change
    client.force_login(leader)
    client.get("/cockpit/")  # computes and stores the board
    with CaptureQueriesContext(connection) as small:
        assert client.get("/cockpit/").status_code == 200
    for i in range(15):
        p = make_project(user=world.user("ganyu"), name=f"赣榆项目{i}", negotiation_started_on=date(2026, 1, 5))
        sign(world.user("ganyu"), p, date(2026, 2, 1 + i))
    client.get("/cockpit/")  # the records changed: computed again, once
    with CaptureQueriesContext(connection) as large:
        response = client.get("/cockpit/")
    assert len(large) == len(small)
    assert {c["code"]: c for c in response.context["cards"]}["signed_count"]["value"] == "21"


def test_targets_go_out_to_excel_and_come_back(small_city, city_admin, client, world):
    client.force_login(city_admin)
    exported = client.get("/assessment/targets/export.xlsx", {"year": 2026})
    assert exported.status_code == 200
    wb = load_workbook(BytesIO(exported.content))
    ws = wb.active
    header = [c.value for c in ws[2]]
    assert header[:3] == ["年度", "单位", "签约项目数（个）"]
    row = next(r for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == "海州区")
    assert row[2] == 4
    # the officer raises 海州区's target to 6 and imports the file back
    for cells in ws.iter_rows(min_row=3):
        if cells[1].value == "海州区":
            cells[2].value = 6
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "targets.xlsx"
    response = client.post("/assessment/targets/import/", {"file": buffer})
    assert response.status_code == 302, response.content.decode()[:500]
    job_url = response["Location"]
    job = client.get(job_url)
    assert job.context["job"].status == "preview", job.context["job"].message
    assert client.post(job_url.rstrip("/") + "/apply/").status_code == 302
    from zhaoshang.dataio.models import ImportJob

    job = ImportJob.objects.get()
    assert (job.status, job.message, job.updated_rows) == ("applied", "", 1), job.errors
    assert Target.objects.get(unit=world.unit("haizhou"), year=2026, indicator="signed_count").value == 6
    assert Target.objects.get(unit=world.unit("lianyun"), year=2026, indicator="signed_count").value == 3


def test_the_city_admin_flags_a_project_on_its_page_and_others_cannot(small_city, city_admin, leader, client):
    h2 = small_city.projects["h2"]
    client.force_login(leader)
    response = client.post(f"/assessment/projects/{h2.pk}/flag/", {"category": "housing", "reason": "住宅"})
    assert response.status_code == 403
    assert ProjectFlag.objects.count() == 0
    client.force_login(city_admin)
    response = client.post(f"/assessment/projects/{h2.pk}/flag/", {"category": "housing", "reason": "商品住宅"})
    assert response.status_code == 302
    assert ProjectFlag.objects.get().category.code == "housing"


def test_score_lines_explain_each_point(small_city, city_admin, leader, client, world):
    scheme = AssessmentScheme.objects.get(year=2026)
    run = services.score_run_create(user=city_admin, scheme=scheme, as_of=date(2026, 10, 31), today=date(2026, 11, 26))
    client.force_login(leader)
    page = client.get(f"/assessment/scores/{run.pk}/units/{world.unit('haizhou').pk}/")
    assert page.status_code == 200
    lines = {r["line"].label: r for r in page.context["rows"]}
    assert lines["签约项目数"]["line"].reason == "签约项目数完成 3 个 / 目标 4 个（75.0%），得 18.75 分（权重 25 分，完成率按不超过 120% 计）"
    assert lines["签约项目数"]["lost"] == Decimal("11.25")
    client.force_login(world.user("lianyun"))
    assert client.get(f"/assessment/scores/{run.pk}/units/{world.unit('haizhou').pk}/").status_code == 404
    assert client.get(f"/assessment/scores/{run.pk}/units/{world.unit('lianyun').pk}/").status_code == 200


def test_the_cockpit_shows_the_last_board_while_a_recount_is_queued(small_city, leader, client, world,
                                                                    django_capture_on_commit_callbacks):
    client.force_login(leader)
    client.get("/cockpit/")
    p = make_project(user=world.user("ganyu"), name="赣榆新签约项目", negotiation_started_on=date(2026, 1, 5))
    sign(world.user("ganyu"), p, date(2026, 2, 1))
    with django_capture_on_commit_callbacks(execute=True) as queued:
        response = client.get("/cockpit/")
    # shown at once from the stored board, marked as being updated; the recount was queued (and ran)
    assert response.context["board"].stale is True
    assert {c["code"]: c for c in response.context["cards"]}["signed_count"]["value"] == "6"
    assert len(queued) == 1
    fresh = client.get("/cockpit/")
    assert fresh.context["board"].stale is False
    assert {c["code"]: c for c in fresh.context["cards"]}["signed_count"]["value"] == "7"
