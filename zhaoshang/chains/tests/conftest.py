"""Fixtures of the chains tests: the world with the three shipped chains loaded, and firms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhaoshang.chains.services import chains_load_reference
from zhaoshang.firms.credit_code import credit_code_check_char
from zhaoshang.firms.services import firm_ensure


@pytest.fixture
def chains(world):
    chains_load_reference(user=world.user("city_admin"))
    return world


def credit_code(n: int, division: str = "370100") -> str:
    body = f"91{division}{n:09d}"
    return body + credit_code_check_char(body)


def make_firm(name: str, *, n: int, province: str = "山东省", city: str = "济南市", capital: str = "1000",
              scope: str = "", industry_code: str = "", is_local: bool = False, unit=None, **fields):
    return firm_ensure(name=name, credit_code=credit_code(n), province=province, city=city,
                       registered_capital=Decimal(capital), business_scope=scope, industry_code=industry_code,
                       is_local=is_local, unit=unit, **fields)
