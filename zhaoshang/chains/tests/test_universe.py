"""Importing the firm universe: checks, rejected rows, upsert by credit code, history, placement."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import numpy as np
import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from zhaoshang.chains.enums import PlacementSource
from zhaoshang.chains.models import ChainNode, FirmPlacement
from zhaoshang.chains.services import (
    firm_import_create,
    firm_import_run,
    firms_import_universe,
    placement_correct,
)
from zhaoshang.chains.synthetic import UniverseGenerator, credit_codes
from zhaoshang.chains.universe import UniverseFileError, credit_codes_valid, read_batches
from zhaoshang.firms.credit_code import credit_code_is_valid
from zhaoshang.firms.models import Firm

from .conftest import credit_code

TODAY = date(2026, 11, 26)
HEADER = ["企业名称", "统一社会信用代码", "省份", "城市", "区县", "行业代码", "经营范围", "注册资本（万元）", "成立日期",
          "上市企业", "营收规模", "从业人数"]
PX = "许可项目：危险化学品生产。一般项目：对二甲苯（PX）生产；纯苯生产；化工产品销售（不含许可类化工产品）"
REST = "餐饮服务；食品销售（仅销售预包装食品）"


def rows():
    bad = credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1")
    return [
        ["山东利华芳烃化工有限公司", credit_code(1), "山东", "东营市", "", "2614", PX, "50000", "2010-05-01", "否",
         "1亿–10亿元", "800"],
        ["连云港海味餐饮管理有限公司", credit_code(2, "320706"), "江苏省", "连云港市", "海州区", "5610", REST, "50",
         "2019/03/02", "否", "", ""],
        ["坏校验位有限公司", bad, "江苏省", "南京市", "", "", "", "10", "2020-01-01", "否", "", ""],
        ["", credit_code(4), "江苏省", "南京市", "", "", "", "10", "2020-01-01", "否", "", ""],
        ["重复代码有限公司", credit_code(1), "江苏省", "南京市", "", "", "", "10", "2020-01-01", "否", "", ""],
        ["日期错误有限公司", credit_code(5), "浙江省", "杭州市", "", "", "", "abc", "2020-13-45", "也许", "很大", "-3"],
    ]


def frame(data=None) -> pl.DataFrame:
    return pl.DataFrame([dict(zip(HEADER, r, strict=True)) for r in (data or rows())])


def test_valid_rows_are_written_and_each_rejected_row_says_why(chains):
    # when
    result = firms_import_universe(batches=[(frame(), 2)], user=chains.user("city_admin"), today=TODAY)

    # then
    assert (result.total, result.inserted, result.updated, result.rejected) == (6, 2, 0, 4)
    reasons = {e["row"]: e["errors"] for e in result.errors}
    assert reasons[4].startswith(f"统一社会信用代码 {rows()[2][1]}：校验位（第18位）应为")
    assert reasons[5] == "缺少企业名称"
    assert reasons[6] == f"统一社会信用代码 {credit_code(1)} 在文件中重复（第 2 行已出现）"
    assert reasons[7] == ("注册资本“abc”不是有效的万元金额；成立日期“2020-13-45”无效；上市企业“也许”应为“是”或“否”；"
                          "营收规模“很大”无效，应为：500万元以下、500万–2000万元、2000万–1亿元、1亿–10亿元、10亿–100亿元、"
                          "100亿元以上；从业人数“-3”不是非负整数")
    px = Firm.objects.get(credit_code=credit_code(1))
    assert (px.province, px.city, px.is_local, px.unit, px.industry_code, px.registered_capital, px.founded_on,
            px.revenue_band, px.employees, px.name_key) == \
        ("山东省", "东营市", False, None, "2614", Decimal("50000"), date(2010, 5, 1), "100m-1b", 800, "利华芳烃化工")
    local = Firm.objects.get(credit_code=credit_code(2, "320706"))
    assert (local.is_local, local.unit.short_name, local.founded_on) == (True, "海州区", date(2019, 3, 2))
    # every new firm has its history row, written by the import
    assert Firm.history.filter(history_type="+", credit_code__in=[credit_code(1), local.credit_code]).count() == 2
    # the PX producer is placed on the PX node, the restaurant on nothing
    assert list(FirmPlacement.objects.filter(firm=px).values_list("node__code", "source"))[0] == ("PC1.4.1", "auto")
    assert not FirmPlacement.objects.filter(firm=local).exists()


def test_importing_the_same_file_again_writes_nothing(chains):
    admin = chains.user("city_admin")
    firms_import_universe(batches=[(frame(), 2)], user=admin, today=TODAY)
    history = Firm.history.count()

    again = firms_import_universe(batches=[(frame(), 2)], user=admin, today=TODAY)

    assert (again.inserted, again.updated, again.unchanged, again.rejected) == (0, 0, 2, 4)
    assert Firm.history.count() == history


def test_a_changed_row_updates_the_firm_with_a_history_row(chains):
    admin = chains.user("city_admin")
    firms_import_universe(batches=[(frame(), 2)], user=admin, today=TODAY)
    data = rows()
    data[0][7] = "60000"

    again = firms_import_universe(batches=[(frame(data), 2)], user=admin, today=TODAY)

    assert (again.inserted, again.updated) == (0, 1)
    firm = Firm.objects.get(credit_code=credit_code(1))
    assert firm.registered_capital == Decimal("60000")
    assert firm.history.first().history_type == "~" and firm.history.first().history_user == admin


def test_a_leader_entered_without_a_code_is_matched_by_name_not_duplicated(chains):
    hengrui = Firm.objects.get(name="江苏恒瑞医药股份有限公司")
    assert hengrui.credit_code is None
    data = [["江苏恒瑞医药股份有限公司", credit_code(9, "320791"), "江苏省", "连云港市", "连云港经济技术开发区", "2720",
             "药品生产", "600000", "1997-04-28", "是", "", "20000"]]

    result = firms_import_universe(batches=[(frame(data), 2)], user=chains.user("city_admin"), today=TODAY)

    assert (result.inserted, result.updated) == (0, 1)
    hengrui.refresh_from_db()
    assert (hengrui.credit_code, hengrui.is_chain_leader, hengrui.is_listed) == (credit_code(9, "320791"), True, True)
    assert Firm.objects.filter(name_key="恒瑞医药").count() == 1


def test_officer_placements_are_never_overwritten_by_an_import(chains):
    admin = chains.user("city_admin")
    firms_import_universe(batches=[(frame(), 2)], user=admin, today=TODAY)
    firm = Firm.objects.get(credit_code=credit_code(1))
    placement_correct(user=chains.user("xuwei"), firm=firm, action="place", node=ChainNode.objects.get(code="PC2.3.1"))
    placement_correct(user=chains.user("xuwei"), firm=firm, action="remove", node=ChainNode.objects.get(code="PC1.4.1"))
    before = sorted(FirmPlacement.objects.filter(firm=firm).values_list("node__code", "source"))
    data = rows()
    data[0][6] = PX + "；精对苯二甲酸生产"

    firms_import_universe(batches=[(frame(data), 2)], user=admin, today=TODAY)

    assert sorted(FirmPlacement.objects.filter(firm=firm).values_list("node__code", "source")) == before
    assert ("PC2.3.1", PlacementSource.OFFICER) in before and ("PC1.4.1", "auto") not in before


def test_csv_parquet_and_excel_files_read_the_same(chains, tmp_path):
    df = frame()
    df.write_csv(tmp_path / "u.csv")
    df.write_parquet(tmp_path / "u.parquet")
    wb = Workbook()
    wb.active.append(HEADER)
    for r in rows():
        wb.active.append(r)
    wb.save(tmp_path / "u.xlsx")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(df.write_csv().encode("gb18030"))
    results = []
    for name in ("u.csv", "u.parquet", "u.xlsx", "gbk.csv"):
        Firm.objects.filter(credit_code__isnull=False).delete()
        r = firms_import_universe(batches=read_batches(tmp_path / name), user=chains.user("city_admin"), today=TODAY)
        results.append((r.total, r.inserted, r.rejected, Firm.objects.get(credit_code=credit_code(1)).name))
    assert results == [(6, 2, 4, "山东利华芳烃化工有限公司")] * 4


def test_a_file_without_the_required_columns_is_refused_in_chinese(tmp_path):
    pl.DataFrame({"名称x": ["a"], "省份": ["江苏省"]}).write_csv(tmp_path / "bad.csv")
    with pytest.raises(UniverseFileError, match="文件缺少必需的列：企业名称、统一社会信用代码"):
        list(read_batches(tmp_path / "bad.csv"))
    with pytest.raises(UniverseFileError, match="只支持"):
        list(read_batches(tmp_path / "x.txt"))


def test_an_uploaded_import_records_its_result_and_the_rejected_rows(chains):
    admin = chains.user("city_admin")
    upload = SimpleUploadedFile("firms.csv", frame().write_csv().encode("utf-8"), content_type="text/csv")
    record = firm_import_create(user=admin, upload=upload)

    record = firm_import_run(record=record)

    assert (record.status, record.total_rows, record.inserted, record.rejected) == ("done", 6, 2, 4)
    sheet = load_workbook(io.BytesIO(record.rejected_file.read())).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["行号", "错误原因", "企业名称"]
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [4, 5, 6, 7]


def test_only_the_city_admin_uploads_a_universe(chains):
    from zhaoshang.core.errors import BusinessError

    with pytest.raises(BusinessError) as exc:
        firm_import_create(user=chains.user("xuwei"), upload=SimpleUploadedFile("f.csv", b"x"))
    assert exc.value.status == 403


def test_the_synthetic_universe_is_valid_unique_and_deterministic():
    gen = UniverseGenerator(scale="demo", seed=7, today=TODAY)
    a = gen.frame(0, 0, 500)
    b = UniverseGenerator(scale="demo", seed=7, today=TODAY).frame(0, 0, 500)
    assert a.equals(b)
    codes = a["统一社会信用代码"].to_list()
    assert len(set(codes)) == 500 and all(credit_code_is_valid(c) for c in codes[:50])
    assert credit_codes_valid(codes).all()
    rows = np.array([0, 1])
    assert credit_codes(rows, ["320700", "320700"], 0) != credit_codes(rows, ["320700", "320700"], 1)
    local = a.filter(pl.col("城市") == "连云港市").height
    assert 50 < local < 160  # about 20 % at the demo scale


def test_an_initial_load_rebuilds_every_index_it_deferred(chains):
    from django.db import connection

    from zhaoshang.chains.services.universe import DEFERRED_TABLES

    def indexes():
        with connection.cursor() as cursor:
            return sorted(i["columns"].__repr__() + name for table in DEFERRED_TABLES
                          for name, i in connection.introspection.get_constraints(cursor, table).items() if i["index"])

    before = indexes()
    result = firms_import_universe(batches=[(frame(), 2)], user=chains.user("city_admin"), today=TODAY, initial=True)
    assert (result.inserted, result.rejected) == (2, 4)
    assert indexes() == before
