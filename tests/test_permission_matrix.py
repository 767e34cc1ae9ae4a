"""Every URL × every persona: the status each role gets. A new URL must be added here."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from zhaoshang.assessment.tests.factories import matrix_objects as assessment_objects
from zhaoshang.chains.tests.factories import matrix_objects as chain_objects
from zhaoshang.dataio.tests.factories import matrix_jobs
from zhaoshang.factors.tests.factories import matrix_objects
from zhaoshang.leads.models import Lead
from zhaoshang.leads.tests.factories import matrix_objects as lead_objects
from zhaoshang.projects.services import leader_activity_create, task_force_create
from zhaoshang.projects.tests.factories import make_project
from zhaoshang.textmining.tests.factories import matrix_objects as mining_objects

PERSONAS = ["city_admin", "leader", "lianyun", "xuwei", "taskforce", "land_dept", "sysadmin", "secadmin",
            "auditor"]
BUSINESS = {"city_admin": 200, "leader": 200, "lianyun": 200, "xuwei": 200, "taskforce": 200,
            "land_dept": 200, "sysadmin": 403, "secadmin": 403, "auditor": 403}


# Action URLs of the 连云区 project answer GET with a redirect to its page — or 404 to anyone who
# may not see it (the scoping check runs before anything else).
SEES_PROJECT_REDIRECT = {**{p: 404 for p in PERSONAS}, "city_admin": 302, "leader": 302, "lianyun": 302}


def only(**allowed) -> dict[str, int]:
    return {p: allowed.get(p, 403) for p in PERSONAS}


# What only its owner (the 连云区 officer) sees, e.g. an import or export job: others get 404.
LIANYUN_ONLY = {**BUSINESS, **{p: 404 for p, status in BUSINESS.items() if status == 200 and p != "lianyun"}}

# url name → (path, {persona: status})
MATRIX = {
    "home": ("/", {**{p: 200 for p in PERSONAS}, "sysadmin": 302, "secadmin": 302, "auditor": 302}),
    "healthz": ("/healthz", {p: 200 for p in PERSONAS}),
    "set_language": ("/i18n/setlang/", {p: 302 for p in PERSONAS}),
    "accounts:login": ("/accounts/login/", {p: 302 for p in PERSONAS}),
    "accounts:logout": ("/accounts/logout/", {p: 405 for p in PERSONAS}),
    "accounts:password_change": ("/accounts/password/", {p: 200 for p in PERSONAS}),
    "accounts:user_list": ("/accounts/users/", only(sysadmin=200, secadmin=200)),
    "accounts:user_create": ("/accounts/users/new/", only(sysadmin=200)),
    "accounts:user_edit": ("/accounts/users/{user}/", only(sysadmin=200)),
    "accounts:security": ("/accounts/security/", only(secadmin=200)),
    "accounts:unlock": ("/accounts/security/unlock/", {p: 405 for p in PERSONAS}),
    "organizations:unit_list": ("/units/", only(sysadmin=200)),
    "audit:log": ("/audit/", {**{p: 404 for p in PERSONAS}, "auditor": 200}),
    "projects:list": ("/projects/", BUSINESS),
    "projects:export": ("/projects/export.xlsx", BUSINESS),
    "projects:import": ("/projects/import/", {**BUSINESS, "leader": 403}),
    "projects:import_template": ("/projects/import/template.xlsx", {**BUSINESS, "leader": 403}),
    "dataio:import_detail": ("/dataio/imports/{import_job}/", LIANYUN_ONLY),
    "dataio:import_apply": ("/dataio/imports/{import_job}/apply/", {p: 405 for p in PERSONAS}),
    "dataio:import_cancel": ("/dataio/imports/{import_job}/cancel/", {p: 405 for p in PERSONAS}),
    "dataio:import_errors": ("/dataio/imports/{import_job}/errors.xlsx",
                             LIANYUN_ONLY),
    "dataio:export_detail": ("/dataio/exports/{export_job}/", LIANYUN_ONLY),
    "dataio:export_download": ("/dataio/exports/{export_job}/download/",
                               {**LIANYUN_ONLY, "lianyun": 302}),
    "projects:create": ("/projects/new/", {**BUSINESS, "leader": 403}),
    "projects:detail": ("/projects/{project}/", {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    "projects:follow_up_create": ("/projects/{project}/follow-ups/", SEES_PROJECT_REDIRECT),
    "projects:edit": ("/projects/{project}/edit/", {**{p: 404 for p in PERSONAS}, "city_admin": 200, "lianyun": 200,
                                                    "leader": 403}),
    "projects:advance": ("/projects/{project}/advance/", SEES_PROJECT_REDIRECT),
    "projects:move_back": ("/projects/{project}/move-back/", SEES_PROJECT_REDIRECT),
    "projects:hold": ("/projects/{project}/hold/", SEES_PROJECT_REDIRECT),
    "projects:resume": ("/projects/{project}/resume/", SEES_PROJECT_REDIRECT),
    "projects:drop": ("/projects/{project}/drop/", SEES_PROJECT_REDIRECT),
    "projects:capital_add": ("/projects/{project}/capital/", SEES_PROJECT_REDIRECT),
    "projects:milestone_plan": ("/projects/{project}/milestones/plan/", SEES_PROJECT_REDIRECT),
    "projects:milestone_done": ("/projects/{project}/milestones/1/done/", SEES_PROJECT_REDIRECT),
    "projects:actual_add": ("/projects/{project}/actuals/", SEES_PROJECT_REDIRECT),
    "projects:pool": ("/projects/pool/", BUSINESS),
    "projects:warnings": ("/projects/warnings/", BUSINESS),
    "projects:rules": ("/projects/rules/", BUSINESS),
    "projects:rules_save": ("/projects/rules/score/", {p: 405 for p in PERSONAS}),
    "projects:task_force_list": ("/projects/task-forces/", BUSINESS),
    "projects:task_force_create": ("/projects/task-forces/new/", only(city_admin=200, lianyun=200, xuwei=200)),
    "projects:task_force_detail": ("/projects/task-forces/{task_force}/",
                                   {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    "projects:task_force_edit": ("/projects/task-forces/{task_force}/edit/",
                                 {**{p: 404 for p in PERSONAS}, "city_admin": 200, "lianyun": 200, "leader": 403,
                                  "sysadmin": 403, "secadmin": 403, "auditor": 403}),
    "projects:task_force_member_add": ("/projects/task-forces/{task_force}/members/", {p: 405 for p in PERSONAS}),
    "projects:task_force_member_remove": ("/projects/task-forces/{task_force}/members/{user}/remove/",
                                          {p: 405 for p in PERSONAS}),
    "projects:task_force_close": ("/projects/task-forces/{task_force}/close/", {p: 405 for p in PERSONAS}),
    "projects:next_step_list": ("/projects/next-steps/", BUSINESS),
    "projects:leader_activity_list": ("/projects/leaders/", BUSINESS),
    "projects:leader_activity_export": ("/projects/leaders/export.xlsx", BUSINESS),
    "projects:leader_activity_create": ("/projects/leaders/new/", only(city_admin=200, lianyun=200, xuwei=200)),
    "projects:leader_activity_edit": ("/projects/leaders/{activity}/edit/",
                                      {**{p: 404 for p in PERSONAS}, "city_admin": 200, "lianyun": 200,
                                       "leader": 403, "sysadmin": 403, "secadmin": 403, "auditor": 403}),
    "projects:leader_stats": ("/projects/leaders/stats/", BUSINESS),
    "leads:list": ("/leads/", BUSINESS),
    "leads:detail": ("/leads/{lead}/", {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    "leads:export": ("/leads/export.xlsx", BUSINESS),
    "leads:import": ("/leads/import/", {**BUSINESS, "leader": 403}),
    "leads:import_template": ("/leads/import/template.xlsx", {**BUSINESS, "leader": 403}),
    "leads:create": ("/leads/new/", {**BUSINESS, "leader": 403}),
    "leads:deadlines": ("/leads/deadlines/", BUSINESS),
    "leads:edit": ("/leads/{lead}/edit/", {**{p: 404 for p in PERSONAS}, "city_admin": 200, "lianyun": 200,
                                           "leader": 403, "sysadmin": 403, "secadmin": 403, "auditor": 403}),
    "leads:acknowledge": ("/leads/{lead}/acknowledge/", SEES_PROJECT_REDIRECT),
    "leads:assess": ("/leads/{lead}/assess/", SEES_PROJECT_REDIRECT),
    "leads:reject": ("/leads/{lead}/reject/", SEES_PROJECT_REDIRECT),
    "leads:feedback": ("/leads/{lead}/feedback/", SEES_PROJECT_REDIRECT),
    "leads:convert": ("/leads/{lead}/convert/", SEES_PROJECT_REDIRECT),
    "leads:attach": ("/leads/{lead}/attach/", SEES_PROJECT_REDIRECT),
    "leads:transfer": ("/leads/{lead}/transfer/", SEES_PROJECT_REDIRECT),
    "leads:channel_list": ("/leads/channels/", BUSINESS),
    "leads:channel_create": ("/leads/channels/new/", {**BUSINESS, "leader": 403}),
    "leads:channel_export": ("/leads/channels/export.xlsx", BUSINESS),
    "leads:channel_import": ("/leads/channels/import/", {**BUSINESS, "leader": 403}),
    "leads:channel_import_template": ("/leads/channels/import/template.xlsx", {**BUSINESS, "leader": 403}),
    "leads:channel_detail": ("/leads/channels/{lead_channel}/", {**BUSINESS, "xuwei": 404, "taskforce": 404,
                                                                 "land_dept": 404}),
    "leads:channel_edit": ("/leads/channels/{lead_channel}/edit/", {**BUSINESS, "leader": 403, "xuwei": 404,
                                                                    "taskforce": 404, "land_dept": 404}),
    "leads:contact_create": ("/leads/channels/{lead_channel}/contacts/", {**BUSINESS, "city_admin": 302,
                                                                          "leader": 302, "lianyun": 302, "xuwei": 404,
                                                                          "taskforce": 404, "land_dept": 404}),
    "leads:contact_export": ("/leads/contacts/export.xlsx", BUSINESS),
    "leads:contact_import": ("/leads/contacts/import/", {**BUSINESS, "leader": 403}),
    "leads:contact_import_template": ("/leads/contacts/import/template.xlsx", {**BUSINESS, "leader": 403}),
    "leads:contact_edit": ("/leads/contacts/{lead_contact}/edit/", {**BUSINESS, "leader": 403, "xuwei": 404,
                                                                    "taskforce": 404, "land_dept": 404}),
    "leads:contact_reveal": ("/leads/contacts/{lead_contact}/reveal/phone/", {p: 405 for p in PERSONAS}),
    "leads:yield": ("/leads/yield/", BUSINESS),
    "leads:yield_export": ("/leads/yield/export.xlsx", BUSINESS),
    "leads:conflict_list": ("/leads/conflicts/", BUSINESS),
    "leads:conflict_detail": ("/leads/conflicts/{pursuit_conflict}/", {**BUSINESS, "land_dept": 404}),
    "leads:conflict_decide": ("/leads/conflicts/{pursuit_conflict}/decide/", {
        **BUSINESS, "city_admin": 302, "leader": 302, "lianyun": 302, "xuwei": 302, "taskforce": 302,
        "land_dept": 404}),
    "leads:transfer_list": ("/leads/transfers/", BUSINESS),
    "leads:transfer_project": ("/leads/transfers/project/", {**BUSINESS, "leader": 403}),
    "leads:transfer_accept": ("/leads/transfers/{lead_transfer}/accept/", {p: 405 for p in PERSONAS}),
    "leads:transfer_decline": ("/leads/transfers/{lead_transfer}/decline/", {p: 405 for p in PERSONAS}),
    "leads:transfer_cancel": ("/leads/transfers/{lead_transfer}/cancel/", {p: 405 for p in PERSONAS}),
    "firms:list": ("/firms/", BUSINESS),
    "firms:detail": ("/firms/{firm}/", {**BUSINESS, "land_dept": 404}),
    "firms:alias_add": ("/firms/{firm}/aliases/", {p: 405 for p in PERSONAS}),
    "firms:candidates": ("/firms/candidates/", only(city_admin=200)),
    "firms:candidate_refresh": ("/firms/candidates/refresh/", {p: 405 for p in PERSONAS}),
    "firms:candidate_merge": ("/firms/candidates/{firm_candidate}/merge/", {p: 405 for p in PERSONAS}),
    "firms:candidate_dismiss": ("/firms/candidates/{firm_candidate}/dismiss/", {p: 405 for p in PERSONAS}),
    "accounts:notifications": ("/accounts/notifications/", {p: 200 for p in PERSONAS}),
    "accounts:notifications_read": ("/accounts/notifications/read/", {p: 405 for p in PERSONAS}),
    "factors:list": ("/factors/requests/", BUSINESS),
    "factors:export": ("/factors/requests/export.xlsx", BUSINESS),
    "factors:create": ("/factors/requests/new/", only(city_admin=200, lianyun=200, xuwei=200, taskforce=200)),
    "factors:escalations": ("/factors/requests/escalations/", BUSINESS),
    "factors:detail": ("/factors/requests/{factor_request}/", {**BUSINESS, "xuwei": 404, "taskforce": 404}),
    "factors:attachment": ("/factors/requests/{factor_request}/files/{attachment}/",
                           {**BUSINESS, "xuwei": 404, "taskforce": 404}),
    "factors:act": ("/factors/requests/{factor_request}/comment/", {p: 302 for p in PERSONAS}),
    "factors:routing": ("/factors/routing/", BUSINESS),
    "factors:calendar_day": ("/factors/routing/calendar/", {p: 405 for p in PERSONAS}),
    "factors:sites": ("/factors/sites/", BUSINESS),
    "factors:site_create": ("/factors/sites/new/", only(city_admin=200, lianyun=200, xuwei=200)),
    "factors:site_match": ("/factors/sites/match/", BUSINESS),
    "factors:site_edit": ("/factors/sites/{site}/edit/", only(city_admin=200, lianyun=200)),
    "factors:record": ("/factors/record/", BUSINESS),
    "factors:joint_reviews": ("/factors/joint-reviews/", BUSINESS),
    "factors:joint_review_create": ("/factors/joint-reviews/new/", only(city_admin=200)),
    "factors:joint_review_detail": ("/factors/joint-reviews/{joint_review}/", {**BUSINESS, "xuwei": 404,
                                                                               "taskforce": 404}),
    "chains:index": ("/chains/", BUSINESS),
    "chains:load_reference": ("/chains/load-reference/", {p: 405 for p in PERSONAS}),
    "chains:import": ("/chains/import/", {p: 405 for p in PERSONAS}),
    "chains:rescore": ("/chains/rescore/", {p: 405 for p in PERSONAS}),
    "chains:reclassify": ("/chains/reclassify/", {p: 405 for p in PERSONAS}),
    "chains:all_gaps": ("/chains/gaps/", BUSINESS),
    "chains:supply": ("/chains/supply/", BUSINESS),
    "chains:clusters": ("/chains/clusters/", BUSINESS),
    "chains:leaders": ("/chains/leaders/", BUSINESS),
    "chains:leader": ("/chains/leaders/{chain_leader}/", BUSINESS),
    "chains:need_add": ("/chains/leaders/{chain_leader}/needs/", {p: 405 for p in PERSONAS}),
    "chains:need_delete": ("/chains/needs/{chain_need}/delete/", {p: 405 for p in PERSONAS}),
    "chains:edge_add": ("/chains/edges/", {p: 405 for p in PERSONAS}),
    "chains:edge_delete": ("/chains/edges/{chain_edge}/delete/", {p: 405 for p in PERSONAS}),
    "chains:firms": ("/chains/firms/", BUSINESS),
    "chains:firm_import": ("/chains/firms/import/", only(city_admin=200)),
    "chains:firm_import_rejected": ("/chains/firms/import/{chain_import}/rejected.xlsx", only(city_admin=200)),
    "chains:firm": ("/chains/firms/{chain_firm}/", BUSINESS),
    "chains:firm_correct": ("/chains/firms/{chain_firm}/correct/", {p: 405 for p in PERSONAS}),
    "chains:signal_add": ("/chains/firms/{chain_firm}/signals/", {p: 405 for p in PERSONAS}),
    "chains:node": ("/chains/nodes/PC1.1.3/", BUSINESS),
    "chains:node_edit": ("/chains/nodes/PC1.1.3/edit/", only(city_admin=200)),
    "chains:node_add": ("/chains/nodes/PC1.1.3/children/", {p: 405 for p in PERSONAS}),
    "chains:node_deactivate": ("/chains/nodes/PC1.1.3/deactivate/", {p: 405 for p in PERSONAS}),
    "chains:targets": ("/chains/nodes/PC1.1.3/targets/", BUSINESS),
    "chains:make_lead": ("/chains/nodes/PC1.1.3/targets/{chain_firm}/lead/", {p: 405 for p in PERSONAS}),
    "chains:outcome": ("/chains/nodes/PC1.1.3/targets/{chain_firm}/outcome/", {p: 405 for p in PERSONAS}),
    "chains:map": ("/chains/PC/", BUSINESS),
    "chains:gaps": ("/chains/PC/gaps/", BUSINESS),
    "chains:export_json": ("/chains/PC/export.json", BUSINESS),
    "chains:export_xlsx": ("/chains/PC/export.xlsx", BUSINESS),
    "textmining:document_list": ("/mining/", BUSINESS),
    "textmining:document_create": ("/mining/new/", only(city_admin=200, lianyun=200, xuwei=200, taskforce=200)),
    "textmining:batch_detail": ("/mining/batches/{mining_batch}/", {**BUSINESS, "xuwei": 404, "taskforce": 404,
                                                                    "land_dept": 404}),
    "textmining:document_detail": ("/mining/documents/{mining_document}/", {**BUSINESS, "xuwei": 404,
                                                                           "taskforce": 404, "land_dept": 404}),
    "textmining:document_original": ("/mining/documents/{mining_document}/original/",
                                     {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    "textmining:project_accept": ("/mining/projects/{mined_project}/accept/", {p: 405 for p in PERSONAS}),
    "textmining:project_dismiss": ("/mining/projects/{mined_project}/dismiss/", {p: 405 for p in PERSONAS}),
    "textmining:project_matches": ("/mining/projects/{mined_project}/matches/",
                                   {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    # 目标考核、驾驶舱 (assessment, cockpit)
    "cockpit:index": ("/cockpit/", only(city_admin=200, leader=200)),
    "assessment:progress": ("/assessment/", {**BUSINESS, "lianyun": 302, "xuwei": 302, "taskforce": 302,
                                             "land_dept": 302}),
    "assessment:refresh": ("/assessment/refresh/", {p: 405 for p in PERSONAS}),
    "assessment:unit": ("/assessment/units/{assessment_unit}/", {**BUSINESS, "xuwei": 404, "taskforce": 404,
                                                                 "land_dept": 404}),
    "assessment:project": ("/assessment/projects/{project}/", {**BUSINESS, "xuwei": 404, "taskforce": 404,
                                                               "land_dept": 404}),
    "assessment:flag_set": ("/assessment/projects/{project}/flag/", {p: 405 for p in PERSONAS}),
    "assessment:share_set": ("/assessment/projects/{project}/share/", {p: 405 for p in PERSONAS}),
    "assessment:attribution_save": ("/assessment/projects/{project}/attribution/", {p: 405 for p in PERSONAS}),
    "assessment:flags": ("/assessment/flags/", only(city_admin=200, leader=200)),
    "assessment:flag_clear": ("/assessment/flags/1/clear/", {p: 405 for p in PERSONAS}),
    "assessment:rules": ("/assessment/rules/", BUSINESS),
    "assessment:rules_save": ("/assessment/rules/save/", {p: 405 for p in PERSONAS}),
    "assessment:category_add": ("/assessment/rules/categories/", {p: 405 for p in PERSONAS}),
    "assessment:custom_indicator_add": ("/assessment/rules/indicators/", {p: 405 for p in PERSONAS}),
    "assessment:targets": ("/assessment/targets/", BUSINESS),
    "assessment:targets_save": ("/assessment/targets/save/", {p: 405 for p in PERSONAS}),
    "assessment:target_export": ("/assessment/targets/export.xlsx", BUSINESS),
    "assessment:target_import": ("/assessment/targets/import/", only(city_admin=200)),
    "assessment:target_import_template": ("/assessment/targets/import/template.xlsx", only(city_admin=200)),
    "assessment:schemes": ("/assessment/schemes/", only(city_admin=200, leader=200)),
    "assessment:scheme_create": ("/assessment/schemes/new/", {p: 405 for p in PERSONAS}),
    "assessment:scheme": ("/assessment/schemes/{scheme}/", only(city_admin=200, leader=200)),
    "assessment:scheme_rules_save": ("/assessment/schemes/{scheme}/rules/", {p: 405 for p in PERSONAS}),
    "assessment:score_run": ("/assessment/schemes/{scheme}/run/", {p: 405 for p in PERSONAS}),
    "assessment:score_unit": ("/assessment/scores/{score_run}/units/{assessment_unit}/",
                              {**BUSINESS, "xuwei": 404, "taskforce": 404, "land_dept": 404}),
    "assessment:red_black": ("/assessment/red-black/", BUSINESS),
    "assessment:briefings": ("/assessment/briefings/", only(city_admin=200, leader=200)),
    "assessment:briefing_create": ("/assessment/briefings/new/", {p: 405 for p in PERSONAS}),
    "assessment:briefing_status": ("/assessment/briefings/{briefing}/status/", only(city_admin=200, leader=200)),
    # the matrix's briefing is still queued (its job runs after commit): no file to download yet
    "assessment:briefing_download": ("/assessment/briefings/{briefing}/docx/", only(city_admin=404, leader=404)),
}


def _all_url_names(resolver=None, prefix="") -> set[str]:
    names = set()
    for p in (resolver or get_resolver()).url_patterns:
        if isinstance(p, URLResolver):
            names |= _all_url_names(p, f"{prefix}{p.namespace}:" if p.namespace else prefix)
        elif isinstance(p, URLPattern) and p.name:
            names.add(prefix + p.name)
    return names


def test_every_url_is_in_the_matrix():
    assert _all_url_names() - set(MATRIX) == set()


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_the_expected_status_everywhere(client, world, persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the factor request's attachment
    owner = world.user("lianyun")
    project = make_project(user=owner, name="连云区矩阵测试项目")
    lead = Lead.objects.create(code="XS-T-1", firm_name="测试企业", unit=owner.unit, channel_kind="fair",
                               summary="测试", received_on="2026-05-01")
    task_force = task_force_create(user=owner, kind="project", unit=owner.unit, lead=owner, project=project)
    activity = leader_activity_create(user=owner, unit=owner.unit, kind="outbound_visit", leader_name="测试书记",
                                      happened_on=timezone.localdate(), place="上海", counterparts="测试企业")
    factors = matrix_objects(world=world, project=project)
    jobs = matrix_jobs(user=owner)
    chains = chain_objects(world=world)
    mining = mining_objects(world=world)
    leads = lead_objects(world=world)
    assessment = assessment_objects(world=world, project=project)
    client.force_login(world.user(persona))
    got = {}
    for name, (path, _expected) in MATRIX.items():
        url = path.format(project=project.id, lead=lead.id, user=owner.id, task_force=task_force.id,
                          activity=activity.id, **factors, **jobs, **chains, **mining, **leads,
                          **assessment)
        got[name] = client.get(url).status_code
    assert got == {name: expected[persona] for name, (_, expected) in MATRIX.items()}
