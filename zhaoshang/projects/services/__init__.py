"""Writes to projects: only these functions save projects and what hangs off them."""

from .core import (  # noqa: F401
    follow_up_bulk_create,
    follow_up_create,
    project_bulk_create,
    project_create,
    project_next_code,
    project_update,
)
from .lifecycle import (  # noqa: F401
    project_advance_stage,
    project_drop,
    project_move_back,
    project_put_on_hold,
    project_resume,
)
