from __future__ import annotations

import pytest

from zhaoshang.accounts.models import User
from zhaoshang.accounts.services import user_create, user_set_password
from zhaoshang.core.errors import BusinessError


def test_a_unit_officer_is_created_in_a_district(world):
    user = user_create(username="new_officer", full_name="新专员", role="unit_officer",
                       unit=world.unit("donghai"), password="Str0ng!Passw0rd")
    assert (user.role, user.unit.code, user.check_password("Str0ng!Passw0rd")) == \
        ("unit_officer", "donghai", True)
    assert user.password_changed_at is not None


@pytest.mark.parametrize("password, message", [
    ("Sh0rt!", "密码长度太短，至少需要 10 个字符"),
    ("alllowercaseletters", "至少包含大写字母、小写字母、数字、特殊字符中的 3 类"),
    ("12345678901234", "密码只包含数字"),
])
def test_weak_passwords_are_refused_in_chinese_and_nothing_is_saved(world, password, message):
    count = User.objects.count()
    with pytest.raises(BusinessError) as exc:
        user_create(username="weak", full_name="弱密码", role="unit_officer", unit=world.unit("donghai"),
                    password=password)
    assert message in exc.value.message
    assert User.objects.count() == count


@pytest.mark.parametrize("role, unit_code, message", [
    ("city_admin", "haizhou", "市级招商管理员必须属于市级单位"),
    ("leader", "xuwei", "市领导必须属于市级单位"),
    ("department_officer", "haizhou", "要素保障部门人员必须属于某个部门"),
    ("unit_officer", "dept-land", "县区/板块招商专员必须属于县区、功能板块或园区"),
])
def test_roles_must_match_the_kind_of_unit(world, role, unit_code, message):
    with pytest.raises(BusinessError, match=message):
        user_create(username="x", full_name="x", role=role, unit=world.unit(unit_code),
                    password="Str0ng!Passw0rd")


def test_duplicate_user_names_are_refused(world):
    with pytest.raises(BusinessError, match="用户名“haizhou”已存在"):
        user_create(username="haizhou", full_name="重名", role="unit_officer", unit=world.unit("haizhou"),
                    password="Str0ng!Passw0rd")


def test_changing_a_password_checks_the_policy(world, haizhou_officer):
    with pytest.raises(BusinessError):
        user_set_password(user=haizhou_officer, password="abc")
    user_set_password(user=haizhou_officer, password="N3w!Password2026")
    haizhou_officer.refresh_from_db()
    assert haizhou_officer.check_password("N3w!Password2026")


def test_account_changes_are_audited_without_the_password_hash(world, haizhou_officer):
    record = haizhou_officer.history.first()
    assert record.history_type == "+"
    assert not hasattr(record, "password")
