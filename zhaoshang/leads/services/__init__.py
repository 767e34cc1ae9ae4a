"""Writes of the leads app: only these functions save channels, contacts, leads, conflicts and transfers."""

from .channels import (  # noqa: F401
    channel_create,
    channel_update,
    contact_create,
    contact_reveal,
    contact_update,
)
from .leads import (  # noqa: F401
    deadline_days,
    due_dates,
    lead_acknowledge,
    lead_assess,
    lead_attach_project,
    lead_bulk_create,
    lead_bulk_update,
    lead_convert,
    lead_create,
    lead_deadlines_recompute,
    lead_feedback,
    lead_next_code,
    lead_overdue_remind,
    lead_reject,
    lead_update,
    response_deadline_set,
)
from .pursuit import (  # noqa: F401
    conflict_decide,
    new_projects_scan,
    pursuit_check,
    pursuit_scan,
    pursuit_scan_firms,
    signing_check,
    signing_scan,
)
from .transfers import (  # noqa: F401
    project_move_unit,
    transfer_accept,
    transfer_cancel,
    transfer_decline,
    transfer_request,
)


def project_entered(*, project) -> None:
    """The one call the projects app makes after saving a new project (or a signing): check for
    duplicate pursuit and duplicate signing once the transaction commits, in the background."""
    from django.db import transaction

    from ..tasks import pursuit_check_project_task

    transaction.on_commit(lambda: pursuit_check_project_task(project.pk))
