"""An officer opens the 石化 chain map, clicks a gap and turns a recommended firm into a lead."""

from __future__ import annotations

from zhaoshang.chains.models import ChainNode, TargetOutcome
from zhaoshang.chains.services import chains_load_reference, placement_correct, targets_rescore
from zhaoshang.chains.tests.conftest import make_firm
from zhaoshang.leads.models import Lead


def test_from_the_petrochemical_map_a_gap_click_and_a_lead(world, live_server, login, page):
    # given the chains, and two methanol makers outside the city scored as targets
    chains_load_reference(user=world.user("city_admin"))
    officer = world.user("xuwei")
    node = ChainNode.objects.get(code="PC1.1.2")  # 轻烃: a fill gap, 斯尔邦 buys it
    best = make_firm("山东轻烃能源有限公司", n=901, capital="80000", is_listed=True)
    other = make_firm("河南轻烃贸易有限公司", n=902, province="河南省", city="郑州市", capital="100")
    for firm in (best, other):
        placement_correct(user=officer, firm=firm, action="place", node=node)
    targets_rescore()

    # when the 徐圩新区 officer opens the 石化 map
    login("xuwei")
    page.goto(f"{live_server.url}/chains/")
    page.get_by_test_id("chain-PC").click()
    page.wait_for_selector("[data-testid=chain-map] canvas")
    assert "石化产业链" in page.title()

    # and clicks a node of the map list: its panel shows the local picture
    page.get_by_test_id("node-PC1.1.2").click()
    page.get_by_test_id("node-detail").wait_for()
    assert "补链缺口" in page.get_by_test_id("node-panel").inner_text()

    # and clicks the gap
    page.get_by_test_id("gap-PC1.1.2").click()
    page.wait_for_url(f"{live_server.url}/chains/nodes/PC1.1.2/targets/")
    assert "斯尔邦" in page.get_by_test_id("gap-reasons").inner_text()
    rows = page.locator("[data-testid=target-table] tbody tr[id^=firm-]")
    assert rows.first.get_attribute("id") == f"firm-{best.id}"  # the listed firm ranks first
    assert "链主关联" in rows.first.inner_text()

    # then one click turns the first target into a lead of 徐圩新区
    page.get_by_test_id(f"make-lead-{best.id}").click()
    page.locator(f"#firm-{best.id} [data-testid=outcome]").wait_for()
    assert "已生成线索" in page.locator(f"#firm-{best.id}").inner_text()
    lead = Lead.objects.get()
    assert (lead.firm, lead.unit.code, lead.channel_kind) == (best, "xuwei", "targeting")
    assert TargetOutcome.objects.get().lead == lead
    assert page.get_by_test_id(f"make-lead-{best.id}").count() == 0
