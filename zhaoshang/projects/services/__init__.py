"""Writes to projects: only these functions save projects and what hangs off them."""

from .core import (  # noqa: F401
    follow_up_bulk_create,
    follow_up_create,
    history_bulk_create,
    project_bulk_create,
    project_create,
    project_next_code,
    project_update,
)
from .fulfilment import (  # noqa: F401
    annual_actual_set,
    capital_entry_add,
    milestone_complete,
    milestone_default_plan,
    milestone_plan_set,
)
from .health import health_run  # noqa: F401
from .leaders import leader_activity_create, leader_activity_update  # noqa: F401
from .lifecycle import (  # noqa: F401
    project_advance_stage,
    project_drop,
    project_move_back,
    project_put_on_hold,
    project_resume,
)
from .reminders import follow_up_reminders_send  # noqa: F401
from .scoring import project_refresh_derived, project_rules_ensure_defaults, projects_refresh_all  # noqa: F401
from .task_forces import (  # noqa: F401
    task_force_add_member,
    task_force_close,
    task_force_create,
    task_force_remove_member,
    task_force_update,
)
