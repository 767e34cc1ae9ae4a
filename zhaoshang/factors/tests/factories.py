"""Test helpers for factor guarantees: built through the services, like every other write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from zhaoshang.factors.demo import DEFAULT_ROUTING
from zhaoshang.factors.models import FactorRequest
from zhaoshang.factors.services import factor_request_submit, routing_rule_set
from zhaoshang.factors.workdays import at
from zhaoshang.organizations.models import Unit

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def ensure_routing(city_admin) -> None:
    for kind, code, days, note in DEFAULT_ROUTING:
        routing_rule_set(user=city_admin, kind=kind, department=Unit.objects.get(code=code), deadline_days=days,
                         note=note)


def pdf(name: str = "可研报告.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def make_request(*, user, project, kind: str = "land", title: str = "新增工业用地", on: date = date(2026, 3, 2),
                 needed_by: date | None = None, **details) -> FactorRequest:
    defaults = {
        "land": {"site_kind": "land", "land_mu": Decimal("120"), "place": "徐圩新区石化产业基地"},
        "finance": {"finance_amount": Decimal("30000"), "finance_kind": "loan"},
        "approval": {"approval_items": "建设工程规划许可证\n施工许可证"},
        "energy": {"energy_tce": Decimal("52000")},
        "labour": {"workers": 300},
    }.get(kind, {})
    return factor_request_submit(user=user, project=project, kind=kind, title=title,
                                 needed_by=needed_by or date(2026, 6, 30), now=at(on), **{**defaults, **details})


def matrix_objects(*, world, project) -> dict[str, int]:
    """One of each factor object around the permission matrix's 连云区 project (tests/test_permission_matrix.py):
    a land request with a file (routed to 市自然资源和规划局), a site in the project's unit, and a 联审."""
    from django.utils import timezone

    from zhaoshang.factors.services import joint_review_create, site_create

    city_admin, today = world.user("city_admin"), timezone.localdate()
    ensure_routing(city_admin)
    request = make_request(user=world.user("lianyun"), project=project, on=today, needed_by=today, files=[pdf()])
    site = site_create(user=city_admin, name="矩阵测试地块", kind="land", unit=project.unit, address="测试",
                       area=Decimal("100"))
    review = joint_review_create(user=city_admin, title="矩阵测试联审", held_on=today, decisions="测试",
                                 departments=[world.unit("dept-land"), world.unit("dept-approval")], requests=[request])
    return {"factor_request": request.id, "attachment": request.attachments.get().id, "site": site.id,
            "joint_review": review.id}
