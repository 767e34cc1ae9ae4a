"""Writes to firms. Names are normalised here so every path stores the same key."""

from __future__ import annotations

from django.db import transaction

from zhaoshang.core.errors import BusinessError

from .models import Firm, FirmAlias


def firm_name_key(name: str) -> str:
    """The normalised key of a firm name (the matcher's, once it is there)."""
    try:
        from .names import normalize_firm_name
    except ImportError:  # pragma: no cover - the normaliser lands with the leads issue
        return "".join(name.split())
    return normalize_firm_name(name).key


@transaction.atomic
def firm_ensure(*, name: str, credit_code: str | None = None, short_name: str = "",
                aliases: tuple[str, ...] = (), **fields) -> Firm:
    """Find the firm by credit code or exact name, else create it; update given fields in place."""
    firm = None
    if credit_code:
        firm = Firm.objects.filter(credit_code=credit_code).first()
    if firm is None:
        firm = Firm.objects.filter(name=name).first()
    if firm is None:
        firm = Firm(name=name, credit_code=credit_code or None, short_name=short_name,
                    name_key=firm_name_key(name), **fields)
        firm.full_clean()
        firm.save()
    else:
        from zhaoshang.core.services import model_update

        data = {"short_name": short_name, **fields}
        if credit_code and firm.credit_code and firm.credit_code != credit_code:
            raise BusinessError(f"企业“{name}”已登记信用代码 {firm.credit_code}，与 {credit_code} 不一致")
        if credit_code:
            data["credit_code"] = credit_code
        firm, _ = model_update(instance=firm, fields=list(data), data=data)
    for alias in aliases:
        FirmAlias.objects.get_or_create(firm=firm, name=alias,
                                        defaults={"name_key": firm_name_key(alias),
                                                  "kind": FirmAlias.Kind.SHORT})
    return firm
