"""An officer imports projects from Excel: upload → preview with errors → fix → import → list."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook, load_workbook

HEADERS = ["项目编号", "项目名称", "投资方", "所属单位", "产业链", "阶段", "总投资（万元）", "签约日期", "协议类型",
           "签约金额（万元）"]


def _file(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return str(path)


def test_an_officer_fixes_a_bad_row_and_imports_the_file(world, live_server, login, page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    good = ["", "连云区LNG冷能利用项目", "某能源集团", "连云区", "其他", "洽谈", 86000, None, None, None]
    bad = ["", "连云区海工装备项目", "某重工集团", "花果山区", "其他", "签约", 42000, None, None, None]

    # given the 连云区 officer on the project list, who opens the import page
    login("lianyun")
    page.goto(f"{live_server.url}/projects/")
    page.get_by_test_id("import").click()
    page.wait_for_url(f"{live_server.url}/projects/import/")

    # when a file with a bad row is uploaded
    page.get_by_test_id("file").set_input_files(_file(tmp_path / "台账.xlsx", [good, bad]))
    page.get_by_test_id("upload").click()

    # then the preview lists the row's errors and offers no 确认导入
    errors = page.get_by_test_id("error-list").inner_text()
    assert "第 3 行" in errors
    assert "所属单位：“花果山区”不存在" in errors and "进入“签约”阶段需要填写：签约日期、协议类型、签约金额（万元）" in errors
    assert page.get_by_test_id("invalid").inner_text() == "1"
    assert page.get_by_test_id("apply").count() == 0
    # and the failed rows come back as a file with a 错误原因 column
    with page.expect_download() as download:
        page.get_by_test_id("download-errors").click()
    with open(download.value.path(), "rb") as f:
        rows = list(load_workbook(BytesIO(f.read())).active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因" and rows[1][1] == "连云区海工装备项目" and len(rows) == 2

    # when the officer fixes the row and uploads again
    fixed = ["", "连云区海工装备项目", "某重工集团", "连云区", "其他", "签约", 42000, "2026-03-01", "正式合同", 42000]
    page.goto(f"{live_server.url}/projects/import/")
    page.get_by_test_id("file").set_input_files(_file(tmp_path / "台账-改.xlsx", [good, fixed]))
    page.get_by_test_id("upload").click()
    assert page.get_by_test_id("plan").inner_text() == "新增 2、更新 0"
    page.get_by_test_id("apply").click()

    # then both are imported and listed
    assert page.get_by_test_id("result").inner_text().startswith("已导入：新增 2 个、更新 0 个")
    page.get_by_test_id("to-list").click()
    table = page.get_by_test_id("project-table").inner_text()
    assert "连云区LNG冷能利用项目" in table and "连云区海工装备项目" in table
    assert page.get_by_test_id("count").inner_text() == "共 2 个项目"
