"""The leads pages through the real URLs: rendering, forms, masking, the decision, query counts."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from zhaoshang.leads.models import ContactReveal, Lead, PursuitConflict
from zhaoshang.leads.services import lead_assess

from .factories import make_channel, make_contact, make_lead
from .test_leads import ALL_GOOD


def test_the_lead_pages_render_for_an_officer(client, world):
    lianyun = world.user("lianyun")
    channel = make_channel(user=lianyun)
    lead = make_lead(user=lianyun, channel=channel, contact=make_contact(user=lianyun, channel=channel))
    client.force_login(lianyun)
    for url in ["/leads/", f"/leads/{lead.id}/", "/leads/new/", f"/leads/{lead.id}/edit/", "/leads/channels/",
                f"/leads/channels/{channel.id}/", "/leads/yield/", "/leads/conflicts/", "/leads/transfers/",
                "/leads/deadlines/", "/firms/", f"/firms/{lead.firm_id}/", "/leads/transfers/project/"]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/leads/channels/{channel.id}/").content.decode()
    assert "139****5678" in page and "13912345678" not in page


def test_entering_a_lead_through_the_form_warns_of_duplicate_pursuit(client, world):
    make_lead(user=world.user("lianyun"), firm_name="上海恒远新材料科技有限公司")
    client.force_login(world.user("xuwei"))
    response = client.post("/leads/new/", {
        "firm_name": "恒远新材料科技", "unit": world.unit("xuwei").pk, "channel_kind": "fair",
        "summary": "进博会上接触", "received_on": "2026-11-01"}, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "重复招商提醒：“上海恒远新材料科技有限公司”连云区也在跟进" in text
    assert PursuitConflict.objects.count() == 1


def test_a_form_with_errors_saves_nothing(client, world):
    client.force_login(world.user("lianyun"))
    response = client.post("/leads/new/", {"firm_name": "甲公司", "unit": world.unit("lianyun").pk,
                                           "summary": "x", "received_on": "2099-01-01", "channel_kind": "fair"})
    assert response.status_code == 400
    assert "收到日期不能晚于今天" in response.content.decode()
    assert Lead.objects.count() == 0


def test_reveal_returns_the_value_and_logs_it(client, world, leader):
    lianyun = world.user("lianyun")
    contact = make_contact(user=lianyun, channel=make_channel(user=lianyun))
    client.force_login(lianyun)
    response = client.post(f"/leads/contacts/{contact.id}/reveal/phone/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "13912345678" in response.content.decode()
    assert list(ContactReveal.objects.values_list("user__username", "field")) == [("lianyun", "phone")]
    client.force_login(leader)
    assert client.post(f"/leads/contacts/{contact.id}/reveal/phone/").status_code == 403
    assert ContactReveal.objects.count() == 1


def test_contacts_export_is_masked(client, world):
    lianyun = world.user("lianyun")
    make_contact(user=lianyun, channel=make_channel(user=lianyun))
    client.force_login(lianyun)
    response = client.get("/leads/contacts/export.xlsx")
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert rows[0][:5] == ("上海连云港商会", "连云区", "王会长", "会长", "139****5678")


def test_the_city_admin_decides_through_the_form(client, world, city_admin):
    make_lead(user=world.user("lianyun"), firm_name="上海恒远新材料科技有限公司")
    make_lead(user=world.user("xuwei"), firm_name="上海恒远新材料科技有限公司")
    conflict = PursuitConflict.objects.get()
    client.force_login(world.user("lianyun"))
    assert client.post(f"/leads/conflicts/{conflict.id}/decide/", {}).status_code == 403
    client.force_login(city_admin)
    lianyun_id, xuwei_id = world.unit("lianyun").pk, world.unit("xuwei").pk
    bad = client.post(f"/leads/conflicts/{conflict.id}/decide/", {
        "decision": "joint", f"share_{lianyun_id}": "70", f"share_{xuwei_id}": "20", "reason": "共同"})
    assert bad.status_code == 400 and "各单位计算比例合计应为 100%，现为 90%" in bad.content.decode()
    ok = client.post(f"/leads/conflicts/{conflict.id}/decide/", {
        "decision": "joint", f"share_{lianyun_id}": "70", f"share_{xuwei_id}": "30", "reason": "共同"})
    assert ok.status_code == 302
    conflict.refresh_from_db()
    assert conflict.status == "decided"


def test_the_lead_page_runs_assessment_and_conversion(client, world):
    lianyun = world.user("lianyun")
    lead = make_lead(user=lianyun)
    client.force_login(lianyun)
    data = {f"rating_{d}": "4" for d in ALL_GOOD} | {"conclusion": "有效"}
    assert client.post(f"/leads/{lead.id}/assess/", data).status_code == 302
    response = client.post(f"/leads/{lead.id}/convert/", {"name": "恒远项目", "total_investment": "60000"})
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.project.name == "恒远项目"
    page = client.get(f"/projects/{lead.project_id}/").content.decode()
    assert lead.code in page  # the project page shows its source lead


def test_the_lead_list_and_its_export_run_a_fixed_number_of_queries(client, world):
    lianyun = world.user("lianyun")
    channel = make_channel(user=lianyun)
    client.force_login(lianyun)

    def add(first: int, last: int) -> None:
        for i in range(first, last):
            lead = make_lead(user=lianyun, firm_name=f"测试{i:02d}号新材料有限公司", channel=channel,
                             received_on=date(2026, 3, 1))
            if i % 2:
                lead_assess(user=lianyun, lead=lead, ratings=ALL_GOOD, conclusion="有效")

    def count(url: str) -> int:
        client.get(url)  # warm the session and user caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(0, 3)
    few = (count("/leads/?sort=-received_on"), count("/leads/export.xlsx"))
    add(3, 25)
    many = (count("/leads/?sort=-received_on"), count("/leads/export.xlsx"))
    assert few == many
    assert many[0] <= 12 and many[1] <= 10
