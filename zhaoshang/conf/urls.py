from django.http import HttpResponse
from django.urls import include, path
from django.views.i18n import set_language

from zhaoshang.cockpit.views import home


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("zhaoshang.accounts.urls")),
    path("units/", include("zhaoshang.organizations.urls")),
    path("audit/", include("zhaoshang.audit.urls")),
    path("projects/", include("zhaoshang.projects.urls")),
    path("dataio/", include("zhaoshang.dataio.urls")),
    path("leads/", include("zhaoshang.leads.urls")),
    path("firms/", include("zhaoshang.firms.urls")),
    path("mining/", include("zhaoshang.textmining.urls")),
    path("chains/", include("zhaoshang.chains.urls")),
    path("factors/", include("zhaoshang.factors.urls")),
    path("assessment/", include("zhaoshang.assessment.urls")),
    path("cockpit/", include("zhaoshang.cockpit.urls")),
]
