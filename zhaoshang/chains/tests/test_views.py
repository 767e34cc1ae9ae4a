"""The chains pages: they render, drill-downs respect project scoping, lists take a fixed number of
queries, and writes are refused to those who may not make them."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zhaoshang.chains.models import ChainNode, TargetOutcome
from zhaoshang.chains.services import placement_correct, targets_rescore
from zhaoshang.leads.models import Lead
from zhaoshang.projects.services import project_update
from zhaoshang.projects.tests.factories import make_project

from .conftest import make_firm


@pytest.fixture
def targets(chains):
    officer = chains.user("xuwei")
    firms = [make_firm(f"江苏甲醇{i}有限公司", n=100 + i, province="江苏省", city="南京市", capital=str(1000 + i))
             for i in range(12)]
    for f in firms:
        placement_correct(user=officer, firm=f, action="place", node=ChainNode.objects.get(code="PC1.1.3"))
    targets_rescore()
    return firms


def test_the_pages_render_for_a_business_user(client, targets, chains):
    client.force_login(chains.user("lianyun"))
    firm = targets[0]
    for url in ["/chains/", "/chains/PC/", "/chains/PC/gaps/", "/chains/gaps/?kind=fill", "/chains/nodes/PC1.1.3/",
                "/chains/nodes/PC1.1.3/targets/", "/chains/supply/", f"/chains/supply/?firm={firm.id}",
                "/chains/leaders/", "/chains/clusters/", "/chains/firms/?q=甲醇", f"/chains/firms/{firm.id}/"]:
        assert client.get(url).status_code == 200, url
    page = client.get("/chains/PC/").content.decode()
    assert 'data-testid="gap-PC1.1.2"' in page and "石化产业链" in page
    data = client.get("/chains/PC/").context["chart"]
    assert {n["code"] for n in data["nodes"]} >= {"PC1", "PC1.1.3"} and data["edges"]


def test_a_district_officer_sees_only_visible_projects_in_a_node_drill_down(client, chains):
    xuwei, lianyun = chains.user("xuwei"), chains.user("lianyun")
    project = make_project(user=xuwei, name="徐圩甲醇制烯烃配套项目")
    project_update(user=xuwei, project=project, version=project.version, data={"chain_node": "PC1.1.3"})
    secret = make_project(user=xuwei, name="徐圩保密甲醇项目", is_confidential=True)
    project_update(user=xuwei, project=secret, version=secret.version, data={"chain_node": "PC1.1.3"})

    client.force_login(lianyun)
    page = client.get("/chains/nodes/PC1.1.3/", HTTP_HX_REQUEST="true").content.decode()
    assert "徐圩甲醇制烯烃配套项目" not in page and "徐圩保密甲醇项目" not in page
    assert "另有其他单位的 1 个项目（不显示名称）" in page  # the confidential one is not even counted

    client.force_login(xuwei)
    page = client.get("/chains/nodes/PC1.1.3/", HTTP_HX_REQUEST="true").content.decode()
    assert "徐圩甲醇制烯烃配套项目" in page and "徐圩保密甲醇项目" in page and "另有其他单位" not in page

    client.force_login(lianyun)
    assert client.get(f"/chains/supply/?project={project.id}").status_code == 404


def test_the_target_list_takes_the_same_number_of_queries_for_few_or_many_rows(client, targets, chains):
    client.force_login(chains.user("xuwei"))
    client.get("/chains/nodes/PC1.1.3/targets/")  # warm caches (classifier, content types)
    with CaptureQueriesContext(connection) as few:
        response = client.get("/chains/nodes/PC1.1.3/targets/?province=火星省")
    assert response.status_code == 200 and 'data-testid="no-targets"' in response.content.decode()
    with CaptureQueriesContext(connection) as many:
        response = client.get("/chains/nodes/PC1.1.3/targets/")
    assert len(response.context["rows"]) == 12
    assert len(many) <= len(few) + 4  # signals, placements, outcomes of the firms: once each, not per row
    assert len(many) < 40


def test_make_lead_by_htmx_answers_the_updated_row(client, targets, chains):
    client.force_login(chains.user("xuwei"))
    firm = targets[0]
    response = client.post(f"/chains/nodes/PC1.1.3/targets/{firm.id}/lead/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "已生成线索" in html and f'id="firm-{firm.id}"' in html
    lead = Lead.objects.get()
    assert (lead.unit.code, lead.channel_kind) == ("xuwei", "targeting")
    assert TargetOutcome.objects.get().lead == lead


def test_writes_are_refused_to_those_who_may_not_make_them(client, targets, chains):
    firm = targets[0]
    client.force_login(chains.user("leader"))
    assert client.post(f"/chains/nodes/PC1.1.3/targets/{firm.id}/lead/").status_code == 403
    assert client.post(f"/chains/firms/{firm.id}/correct/", {"action": "none"}).status_code == 403
    client.force_login(chains.user("xuwei"))
    assert client.get("/chains/nodes/PC1.1.3/edit/").status_code == 403
    assert client.post("/chains/load-reference/").status_code == 403
    assert client.post("/chains/nodes/PC1.1.3/edit/", {"name": "x", "stage": "upstream"}).status_code == 403
    assert not Lead.objects.exists() and ChainNode.objects.get(code="PC1.1.3").name == "甲醇"


def test_an_invalid_chain_file_lists_its_errors_and_changes_nothing(client, chains):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(chains.user("city_admin"))
    doc = {"format": "zhaoshang.chain/1", "code": "PC", "name": "石化", "nodes": [
        {"code": "PC1", "name": "上游", "stage": "upstream", "parent": "PC9"}]}
    response = client.post("/chains/import/", {"file": SimpleUploadedFile("pc.json", json.dumps(doc).encode())},
                           follow=True)
    text = response.content.decode()
    assert "石化：节点 PC1 的上级节点 PC9 不存在" in text and "导入失败，未做任何修改" in text
    assert ChainNode.objects.filter(chain__code="PC", is_active=True).count() == 65


def test_a_correction_from_the_firm_page(client, targets, chains):
    client.force_login(chains.user("xuwei"))
    firm = targets[0]
    response = client.post(f"/chains/firms/{firm.id}/correct/", {"action": "place", "node": "PC1.1.2"}, follow=True)
    assert "已保存修正" in response.content.decode()
    assert set(firm.placements.values_list("node__code", flat=True)) == {"PC1.1.3", "PC1.1.2"}
    response = client.post(f"/chains/firms/{firm.id}/correct/", {"action": "place", "node": "NM1.1.1"}, follow=True)
    assert "是关联节点" in response.content.decode()
