"""重复招商 in the browser: two district officers enter the same investor, both are told at once, the
city admin arbitrates — and the notice never shows one unit the other's confidential lead."""

from __future__ import annotations

import re

from playwright.sync_api import expect

FIRM = "上海瀚澜新材料科技有限公司"
SECRET = "绝密：拟在徐圩投资85亿元建设乙烯下游一体化项目"


def _enter_lead(page, live_server, *, firm: str, summary: str, confidential: bool = False) -> None:
    page.goto(f"{live_server.url}/leads/new/")
    page.fill("#id_firm_name", firm)
    page.select_option("#id_channel_kind", "business_association")
    page.fill("#id_summary", summary)
    if confidential:
        page.check("#id_is_confidential")
    page.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r"/leads/\d+/$"))


def _switch(page, login, username: str):
    page.context.clear_cookies()
    return login(username)


def test_two_districts_enter_the_same_investor_and_the_city_admin_arbitrates(world, live_server, login, page):
    page.set_default_timeout(60_000)  # five logins on a shared, busy machine
    page.set_default_navigation_timeout(60_000)
    # given the 连云区 officer enters a lead for the investor
    login("lianyun")
    _enter_lead(page, live_server, firm=FIRM, summary="在上海连云港商会推介会上接触，拟建碳纤维复合材料基地")
    expect(page.get_by_test_id("status")).to_have_text("新线索")
    expect(page.get_by_test_id("conflict-banner")).to_have_count(0)

    # when the 徐圩新区 officer enters the same investor (a short spelling), as a confidential lead
    _switch(page, login, "xuwei")
    _enter_lead(page, live_server, firm="瀚澜新材料科技", summary=SECRET, confidential=True)

    # then the officer is warned at once, and the lead page shows the open conflict
    expect(page.locator(".alert-warning").first).to_contain_text(f"重复招商提醒：“{FIRM}”连云区也在跟进")
    expect(page.get_by_test_id("conflict-banner")).to_contain_text("待市级裁定")

    # and the 连云区 officer has been told — the firm and 徐圩新区, nothing of the confidential lead
    _switch(page, login, "lianyun")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.get_by_test_id("bell").click()
    notices = page.get_by_test_id("notifications")
    expect(notices).to_contain_text(f"您单位录入的“{FIRM}”，徐圩新区也在跟进")
    assert "乙烯" not in page.content() and "85亿" not in page.content()
    # the conflict page names 徐圩新区 without its lead
    page.goto(f"{live_server.url}/leads/conflicts/")
    page.get_by_role("link", name=FIRM).click()
    expect(page.get_by_test_id("hidden-party")).to_contain_text("该单位也在跟进此企业")
    assert "乙烯" not in page.content() and "XS-" not in page.get_by_test_id("hidden-party").inner_text()
    expect(page.get_by_test_id("decide-card")).to_have_count(0)  # only the city admin decides

    # when the city admin opens the open-conflicts list and decides: joint, 40 / 60
    _switch(page, login, "city_admin")
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    page.goto(f"{live_server.url}/leads/conflicts/")
    table = page.get_by_test_id("conflict-table")
    expect(table).to_contain_text(FIRM)
    expect(table).to_contain_text("待裁定")
    page.get_by_role("link", name=FIRM).click()
    expect(page.get_by_test_id("party")).to_have_count(2)
    assert SECRET in page.content()  # the city admin sees both units' records
    page.check("input[name=decision][value=joint]")
    page.fill(f"#id_share_{world.unit('lianyun').pk}", "40")
    page.fill(f"#id_share_{world.unit('xuwei').pk}", "70")
    page.fill("#id_reason", "连云区引荐、徐圩新区落地，两地共同引进")
    page.get_by_test_id("decide").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("各单位计算比例合计应为 100%，现为 110%")
    page.check("input[name=decision][value=joint]")
    page.fill(f"#id_share_{world.unit('xuwei').pk}", "60")
    page.fill("#id_reason", "连云区引荐、徐圩新区落地，两地共同引进")
    page.get_by_test_id("decide").click()

    # then the conflict is decided with the shares, and both officers are told
    expect(page.get_by_test_id("conflict-status")).to_have_text("已裁定")
    expect(page.get_by_test_id("decision")).to_contain_text("联合招商，考核按 连云区 40%、徐圩新区 60% 计算")
    for officer in ("lianyun", "xuwei"):
        _switch(page, login, officer)
        page.goto(f"{live_server.url}/accounts/notifications/")
        expect(page.get_by_test_id("notifications")).to_contain_text(
            f"重复招商裁定：“{FIRM}”联合招商，考核按 连云区 40%、徐圩新区 60% 计算。")
