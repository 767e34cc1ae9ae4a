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
    NavItem(_("驾驶舱"), "cockpit:index", "ti-dashboard", "sees_cockpit", "/cockpit/"),
    NavItem(_("目标考核"), "assessment:progress", "ti-target", "sees_business_data", "/assessment/"),
    NavItem(_("项目"), "projects:list", "ti-briefcase", "sees_business_data", "/projects/"),
    NavItem(_("项目池结构"), "projects:pool", "ti-chart-dots-3", "sees_business_data", "/projects/pool/"),
    NavItem(_("项目预警"), "projects:warnings", "ti-alert-triangle", "sees_business_data", "/projects/warnings/"),
    NavItem(_("招商专班"), "projects:task_force_list", "ti-users-group", "sees_business_data", "/projects/task-forces/"),
    NavItem(_("领导招商"), "projects:leader_activity_list", "ti-flag", "sees_business_data", "/projects/leaders/"),
    NavItem(_("线索"), "leads:list", "ti-bulb", "sees_business_data", "/leads/"),
    NavItem(_("招商渠道"), "leads:channel_list", "ti-affiliate", "sees_business_data", "/leads/channels/"),
    NavItem(_("渠道成效"), "leads:yield", "ti-chart-histogram", "sees_business_data", "/leads/yield/"),
    NavItem(_("重复招商"), "leads:conflict_list", "ti-arrows-split-2", "sees_business_data", "/leads/conflicts/"),
    NavItem(_("项目流转"), "leads:transfer_list", "ti-arrows-exchange", "sees_business_data", "/leads/transfers/"),
    NavItem(_("企业库"), "firms:list", "ti-building", "sees_business_data", "/firms/"),
    NavItem(_("信息挖掘"), "textmining:document_list", "ti-news", "sees_business_data", "/mining/"),
    NavItem(_("产业链"), "chains:index", "ti-hierarchy-3", "sees_business_data", "/chains/"),
    NavItem(_("精准招商"), "chains:all_gaps", "ti-target-arrow", "sees_business_data", "/chains/gaps/"),
    NavItem(_("要素保障"), "factors:list", "ti-lifebuoy", "sees_business_data", "/factors/requests/"),
    NavItem(_("载体资源"), "factors:sites", "ti-building-factory-2", "sees_business_data", "/factors/sites/"),
    NavItem(_("部门办理情况"), "factors:record", "ti-chart-bar", "sees_business_data", "/factors/record/"),
    NavItem(_("用户管理"), "accounts:user_list", "ti-users", "manages_accounts", "/accounts/users/"),
    NavItem(_("单位管理"), "organizations:unit_list", "ti-sitemap", "manages_accounts", "/units/"),
    NavItem(_("账号安全"), "accounts:security", "ti-shield-lock", "manages_security", "/accounts/security/"),
    NavItem(_("审计日志"), "audit:log", "ti-file-search", "reads_audit_trail", "/audit/"),
)


def nav_for(user, path: str) -> list[dict]:
    """The entries the user's capabilities allow; the one with the longest matching prefix is active."""
    items = []
    for item in NAV:
        if not getattr(user, item.needs, False):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "icon": item.icon, "active": False,
                      "prefix": url if item.url_name == "home" else item.prefix})
    matches = [i for i in items if (path == i["prefix"] if i["prefix"] == "/" else path.startswith(i["prefix"]))]
    if matches:
        max(matches, key=lambda i: len(i["prefix"]))["active"] = True
    return items
