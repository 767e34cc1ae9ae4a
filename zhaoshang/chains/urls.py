from django.urls import path, register_converter

from . import views


class ChainCode:
    regex = "[A-Z]{2,4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class NodeCode(ChainCode):
    regex = r"[A-Z]{2,4}\d+(?:\.\d+)*"


register_converter(ChainCode, "chain")
register_converter(NodeCode, "node")

app_name = "chains"
urlpatterns = [
    path("", views.chain_index, name="index"),
    path("load-reference/", views.chains_load_reference, name="load_reference"),
    path("import/", views.chains_import, name="import"),
    path("rescore/", views.targets_rescore, name="rescore"),
    path("reclassify/", views.firms_reclassify, name="reclassify"),
    path("gaps/", views.gap_list, name="all_gaps"),
    path("supply/", views.supply, name="supply"),
    path("clusters/", views.clusters, name="clusters"),
    path("leaders/", views.leader_list, name="leaders"),
    path("leaders/<int:id>/", views.leader_detail, name="leader"),
    path("leaders/<int:id>/needs/", views.need_add, name="need_add"),
    path("needs/<int:id>/delete/", views.need_delete, name="need_delete"),
    path("edges/", views.edge_add, name="edge_add"),
    path("edges/<int:id>/delete/", views.edge_delete, name="edge_delete"),
    path("firms/", views.firm_search, name="firms"),
    path("firms/import/", views.firm_import, name="firm_import"),
    path("firms/import/<int:id>/rejected.xlsx", views.firm_import_rejected, name="firm_import_rejected"),
    path("firms/<int:id>/", views.firm_detail, name="firm"),
    path("firms/<int:id>/correct/", views.firm_correct, name="firm_correct"),
    path("firms/<int:id>/signals/", views.signal_add, name="signal_add"),
    path("nodes/<node:code>/", views.node_detail, name="node"),
    path("nodes/<node:code>/edit/", views.node_edit, name="node_edit"),
    path("nodes/<node:code>/children/", views.node_add, name="node_add"),
    path("nodes/<node:code>/deactivate/", views.node_deactivate, name="node_deactivate"),
    path("nodes/<node:code>/targets/", views.target_list, name="targets"),
    path("nodes/<node:code>/targets/<int:firm_id>/lead/", views.target_make_lead, name="make_lead"),
    path("nodes/<node:code>/targets/<int:firm_id>/outcome/", views.target_outcome, name="outcome"),
    path("<chain:code>/", views.chain_map, name="map"),
    path("<chain:code>/gaps/", views.gap_list, name="gaps"),
    path("<chain:code>/export.json", views.chain_export_json, name="export_json"),
    path("<chain:code>/export.xlsx", views.chain_export_xlsx, name="export_xlsx"),
]
