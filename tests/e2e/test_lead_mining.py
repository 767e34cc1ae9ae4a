"""信息挖掘 end to end: paste a signing-ceremony news item, review the highlighted values, make a lead."""

from __future__ import annotations

from zhaoshang.leads.models import Lead
from zhaoshang.textmining.tests.factories import SIGNING


def test_an_officer_pastes_news_reviews_it_and_makes_a_lead(
    world, live_server, login, page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page.set_default_timeout(30_000)  # the first request imports the extractor; shared CI machines are slow
    # given the 徐圩新区 officer on the 信息挖掘 page
    login("xuwei")
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="信息挖掘").click()
    page.get_by_test_id("new-document").click()

    # when they paste a signing-ceremony text and analyse it
    page.get_by_test_id("paste").fill(SIGNING)
    page.get_by_test_id("analyse").click()

    # then the review page marks the firm and the amount in the text, with a legend
    text = page.get_by_test_id("mined-text")
    assert text.locator("[data-testid=hl-company]").first.inner_text() == "华宏"
    assert text.locator("[data-testid=hl-amount]").first.inner_text() == "50亿元"
    assert "投资企业" in page.get_by_test_id("legend").inner_text()
    card = page.get_by_test_id("project-card")
    assert card.count() == 1
    assert "年产30万吨高性能聚酰胺新材料项目" in card.inner_text()
    assert "江苏华宏新材料有限公司" in card.get_by_test_id("companies").inner_text()
    assert (
        "500,000" in card.get_by_test_id("amount").inner_text()
        or "500000" in card.get_by_test_id("amount").inner_text()
    )
    assert card.get_by_test_id("no-matches").is_visible()
    assert card.get_by_test_id("firm-name").input_value() == "江苏华宏新材料有限公司"

    # when they accept it
    card.get_by_test_id("accept").click()

    # then the card says a lead was made, and the lead is in the leads list with the news channel
    assert page.get_by_test_id("review-status").inner_text() == "已生成线索"
    lead = Lead.objects.get()
    assert page.get_by_test_id("lead-link").inner_text() == lead.code
    page.locator("aside").get_by_role("link", name="线索").click()
    table = page.get_by_test_id("lead-table").inner_text()
    assert "江苏华宏新材料有限公司" in table
    assert "新闻信息挖掘" in table
