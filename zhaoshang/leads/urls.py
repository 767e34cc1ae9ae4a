from django.urls import path

from .views import channels, conflicts, imports, leads, reports, transfers

app_name = "leads"
urlpatterns = [
    path("", leads.lead_list, name="list"),
    path("export.xlsx", leads.lead_export, name="export"),
    path("import/", imports.lead_import, name="import"),
    path("import/template.xlsx", imports.lead_import_template, name="import_template"),
    path("new/", leads.lead_create, name="create"),
    path("deadlines/", leads.deadlines, name="deadlines"),
    # 渠道 and contacts
    path("channels/", channels.channel_list, name="channel_list"),
    path("channels/new/", channels.channel_create, name="channel_create"),
    path("channels/export.xlsx", imports.channel_export, name="channel_export"),
    path("channels/import/", imports.channel_import, name="channel_import"),
    path("channels/import/template.xlsx", imports.channel_import_template, name="channel_import_template"),
    path("channels/<int:id>/", channels.channel_detail, name="channel_detail"),
    path("channels/<int:id>/edit/", channels.channel_edit, name="channel_edit"),
    path("channels/<int:id>/contacts/", channels.contact_create, name="contact_create"),
    path("contacts/export.xlsx", imports.contact_export, name="contact_export"),
    path("contacts/import/", imports.contact_import, name="contact_import"),
    path("contacts/import/template.xlsx", imports.contact_import_template, name="contact_import_template"),
    path("contacts/<int:id>/edit/", channels.contact_edit, name="contact_edit"),
    path("contacts/<int:id>/reveal/<str:field>/", channels.contact_reveal, name="contact_reveal"),
    # 渠道成效
    path("yield/", reports.channel_yield, name="yield"),
    path("yield/export.xlsx", reports.channel_yield_export, name="yield_export"),
    # 重复招商
    path("conflicts/", conflicts.conflict_list, name="conflict_list"),
    path("conflicts/<int:id>/", conflicts.conflict_detail, name="conflict_detail"),
    path("conflicts/<int:id>/decide/", conflicts.conflict_decide, name="conflict_decide"),
    # 项目流转
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/project/", transfers.transfer_project, name="transfer_project"),
    path("transfers/<int:id>/accept/", transfers.transfer_accept, name="transfer_accept"),
    path("transfers/<int:id>/decline/", transfers.transfer_decline, name="transfer_decline"),
    path("transfers/<int:id>/cancel/", transfers.transfer_cancel, name="transfer_cancel"),
    # one lead
    path("<int:id>/", leads.lead_detail, name="detail"),
    path("<int:id>/edit/", leads.lead_edit, name="edit"),
    path("<int:id>/acknowledge/", leads.lead_acknowledge, name="acknowledge"),
    path("<int:id>/assess/", leads.lead_assess, name="assess"),
    path("<int:id>/reject/", leads.lead_reject, name="reject"),
    path("<int:id>/feedback/", leads.lead_feedback, name="feedback"),
    path("<int:id>/convert/", leads.lead_convert, name="convert"),
    path("<int:id>/attach/", leads.lead_attach, name="attach"),
    path("<int:id>/transfer/", leads.lead_transfer, name="transfer"),
]
