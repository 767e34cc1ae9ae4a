from django.db import models


class Role(models.TextChoices):
    CITY_ADMIN = "city_admin", "市级招商管理员"
    UNIT_OFFICER = "unit_officer", "县区/板块招商专员"
    TASK_FORCE_MEMBER = "task_force_member", "专班成员"
    DEPARTMENT_OFFICER = "department_officer", "要素保障部门人员"
    LEADER = "leader", "市领导"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


# 等保 2.0 三员分立: the three administrators never touch business data, and only the
# audit administrator reads the audit trail.
BUSINESS_ROLES = frozenset({Role.CITY_ADMIN, Role.UNIT_OFFICER, Role.TASK_FORCE_MEMBER,
                            Role.DEPARTMENT_OFFICER, Role.LEADER})
BUSINESS_WRITER_ROLES = frozenset({Role.CITY_ADMIN, Role.UNIT_OFFICER, Role.TASK_FORCE_MEMBER,
                                   Role.DEPARTMENT_OFFICER})
ADMIN_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN})
