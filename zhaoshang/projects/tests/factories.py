"""Factories for projects: built through the services, like every other write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from zhaoshang.projects.models import Project
from zhaoshang.projects.services import project_create


def make_project(*, user, unit=None, name: str = "测试项目", total_investment: str = "50000",
                 investor_name: str = "上海测试新材料有限公司", is_confidential: bool = False,
                 negotiation_started_on: date | None = None) -> Project:
    return project_create(user=user, unit=unit or user.unit, name=name, investor_name=investor_name,
                          total_investment=Decimal(total_investment), is_confidential=is_confidential,
                          negotiation_started_on=negotiation_started_on)
