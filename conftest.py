"""Shared fixtures: the 连云港 world (real units and accounts) and named personas.

Personas follow the demo accounts: a 连云区 officer, a 徐圩新区 officer, the city admin,
a leader, and the three 等保 administrators.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from zhaoshang.accounts.models import User
from zhaoshang.demo.builder import BuildReport, build_reference
from zhaoshang.organizations.models import Unit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@dataclass
class World:
    units: dict[str, Unit]

    def user(self, username: str) -> User:
        return User.objects.select_related("unit").get(username=username)

    def unit(self, code: str) -> Unit:
        return self.units[code]


@pytest.fixture
def world(db) -> World:
    from zhaoshang.projects.services.scoring import project_rules_ensure_defaults

    project_rules_ensure_defaults()  # transactional (browser) tests flush the migration's seed rows
    build_reference(BuildReport())
    return World(units={u.code: u for u in Unit.objects.all()})


@pytest.fixture
def city_admin(world) -> User:
    return world.user("city_admin")


@pytest.fixture
def leader(world) -> User:
    return world.user("leader")


@pytest.fixture
def lianyun_officer(world) -> User:
    return world.user("lianyun")


@pytest.fixture
def xuwei_officer(world) -> User:
    return world.user("xuwei")


@pytest.fixture
def haizhou_officer(world) -> User:
    return world.user("haizhou")
