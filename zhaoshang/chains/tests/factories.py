"""Objects the permission matrix needs from the chains app (built through the services)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from zhaoshang.chains.models import ChainLeaderProfile, LeaderNeed, SupplyEdge
from zhaoshang.chains.services import chains_load_reference, firm_import_create, firm_import_run

from .conftest import make_firm


def matrix_objects(*, world) -> dict[str, int]:
    admin = world.user("city_admin")
    chains_load_reference(user=admin)
    firm = make_firm("矩阵测试化工有限公司", n=777)
    record = firm_import_create(user=admin, upload=SimpleUploadedFile(
        "m.csv", "企业名称,统一社会信用代码\n,91370100000000000X\n".encode(), content_type="text/csv"))
    firm_import_run(record=record)  # one rejected row: the error file exists
    profile = ChainLeaderProfile.objects.get(short_name="斯尔邦")
    return {"chain_firm": firm.id, "chain_leader": profile.id,
            "chain_need": LeaderNeed.objects.filter(profile=profile).order_by("id").first().id,
            "chain_edge": SupplyEdge.objects.order_by("id").first().id, "chain_import": record.id}
