"""The navigation, per role: each entry names the capability (a User property) it needs.

Apps add their entries here when they land; the template only renders what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    needs: str  # name of a boolean User property
    prefix: str  # active when the path starts with it


NAV: tuple[NavItem, ...] = (
    NavItem(_("工作台"), "home", "ti-home", "sees_business_data", "/__home__"),
    NavItem(_("项目"), "projects:list", "ti-briefcase", "sees_business_data", "/projects/"),
    NavItem(_("线索"), "leads:list", "ti-bulb", "sees_business_data", "/leads/"),
    NavItem(_("用户管理"), "accounts:user_list", "ti-users", "manages_accounts", "/accounts/users/"),
    NavItem(_("单位管理"), "organizations:unit_list", "ti-sitemap", "manages_accounts", "/units/"),
    NavItem(_("账号安全"), "accounts:security", "ti-shield-lock", "manages_security", "/accounts/security/"),
    NavItem(_("审计日志"), "audit:log", "ti-file-search", "reads_audit_trail", "/audit/"),
)


def nav_for(user, path: str) -> list[dict]:
    items = []
    for item in NAV:
        if not getattr(user, item.needs, False):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = path == url if item.url_name == "home" else path.startswith(item.prefix)
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return items
