"""Writes of the chains app (one module per area); import from here."""

from .clusters import cluster_snapshots_take  # noqa: F401
from .documents import (  # noqa: F401
    ChainImportError,
    chain_export_json,
    chain_export_xlsx,
    chains_apply_documents,
    chains_import_file,
    chains_load_reference,
    edge_create,
    edge_delete,
    node_create,
    node_deactivate,
    node_update,
)
from .leaders import leader_need_delete, leader_need_save  # noqa: F401
from .placements import (  # noqa: F401
    classifier_get,
    firms_classify,
    placement_correct,
    signal_create,
    signals_bulk_create,
)
from .targets import target_make_lead, target_outcome_set, targets_rescore  # noqa: F401
from .universe import firm_import_create, firm_import_run, firms_import_universe  # noqa: F401
