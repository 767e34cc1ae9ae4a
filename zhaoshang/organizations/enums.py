from django.db import models


class UnitKind(models.TextChoices):
    CITY = "city", "市"
    DISTRICT = "district", "县区"
    ZONE = "zone", "功能板块"
    PARK = "park", "园区"
    DEPARTMENT = "department", "部门"


# Which kinds may sit under which: the one tree 市 → 县区/功能板块/部门 → 园区.
ALLOWED_PARENTS: dict[str, set[str]] = {
    UnitKind.CITY: set(),
    UnitKind.DISTRICT: {UnitKind.CITY},
    UnitKind.ZONE: {UnitKind.CITY},
    UnitKind.DEPARTMENT: {UnitKind.CITY, UnitKind.DISTRICT, UnitKind.ZONE},
    UnitKind.PARK: {UnitKind.DISTRICT, UnitKind.ZONE},
}
