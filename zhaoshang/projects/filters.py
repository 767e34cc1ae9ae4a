"""List filters for projects (django-filter); the selector applies them after scoping."""

from __future__ import annotations

import django_filters
from django.db.models import Q

from zhaoshang.organizations.models import Unit

from .enums import ChainName, Stage
from .models import Project


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="项目或企业名称")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), method="in_unit", label="单位")
    stage = django_filters.ChoiceFilter(choices=Stage.choices, label="阶段")
    chain = django_filters.ChoiceFilter(choices=ChainName.choices, label="产业链")
    min_investment = django_filters.NumberFilter(field_name="total_investment", lookup_expr="gte",
                                                 label="总投资不低于（万元）")
    tier = django_filters.CharFilter(field_name="tier", label="重大项目等级")
    leader = django_filters.NumberFilter(field_name="responsible_leader_id", label="包挂领导")
    stalled = django_filters.BooleanFilter(method="only_stalled", label="有预警")
    min_maturity = django_filters.NumberFilter(field_name="maturity_score", lookup_expr="gte", label="成熟度不低于")
    max_maturity = django_filters.NumberFilter(field_name="maturity_score", lookup_expr="lte", label="成熟度不高于")
    min_scale = django_filters.NumberFilter(field_name="scale_score", lookup_expr="gte", label="体量不低于")
    max_scale = django_filters.NumberFilter(field_name="scale_score", lookup_expr="lte", label="体量不高于")
    signed_from = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte", label="签约日期起")
    signed_to = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte", label="签约日期止")

    class Meta:
        model = Project
        fields = ["q", "unit", "stage", "chain"]

    def search(self, queryset, name, value):
        """Substring search on project and investor names: works the same on SQLite and PostgreSQL."""
        value = value.strip()
        if not value:
            return queryset
        # Codes are stored upper-case: an exact match keeps every branch of the OR indexable
        # (trigram indexes on the names on PostgreSQL, the unique index on the code).
        return queryset.filter(Q(name__icontains=value) | Q(investor_name__icontains=value)
                               | Q(code=value.upper()))

    def only_stalled(self, queryset, name, value):
        return queryset.filter(warning_count__gt=0) if value else queryset

    def in_unit(self, queryset, name, value):
        """A unit means the unit and everything under it."""
        return queryset.filter(unit__path__startswith=value.path)
