"""List filters for requests and sites (django-filter); selectors apply them after scoping."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone

from zhaoshang.organizations.models import Unit

from .enums import CLOCK_RUNNING, OPEN_STATUSES, FactorKind, RequestStatus, SiteKind, SiteStatus, Urgency
from .models import FactorRequest, Site


class FactorRequestFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="事项、项目或编号")
    status = django_filters.ChoiceFilter(choices=[("open", "未办结")] + list(RequestStatus.choices),
                                         method="by_status", label="状态")
    kind = django_filters.ChoiceFilter(choices=FactorKind.choices, label="要素类型")
    urgency = django_filters.ChoiceFilter(choices=Urgency.choices, label="紧急程度")
    department = django_filters.ModelChoiceFilter(queryset=Unit.objects.filter(kind="department"),
                                                  label="责任部门")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), method="in_unit", label="项目所属单位")
    project = django_filters.NumberFilter(field_name="project_id", label="项目")  # the project page links here
    overdue = django_filters.BooleanFilter(method="by_overdue", label="已超期")
    escalated = django_filters.BooleanFilter(method="by_escalated", label="已督办")
    submitted_from = django_filters.DateFilter(field_name="submitted_on", lookup_expr="gte", label="提出日期起")
    submitted_to = django_filters.DateFilter(field_name="submitted_on", lookup_expr="lte", label="提出日期止")

    class Meta:
        model = FactorRequest
        fields = ["q", "status", "kind", "urgency", "department", "unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(project__name__icontains=value)
                               | Q(code__iexact=value))

    def by_status(self, queryset, name, value):
        return queryset.filter(status__in=OPEN_STATUSES) if value == "open" else queryset.filter(status=value)

    def in_unit(self, queryset, name, value):
        """A unit means the unit and everything under it."""
        return queryset.filter(project__unit__path__startswith=value.path)

    def by_overdue(self, queryset, name, value):
        overdue = Q(status__in=CLOCK_RUNNING, due_on__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def by_escalated(self, queryset, name, value):
        return queryset.filter(escalated_at__isnull=not value)


class SiteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="名称或位置")
    kind = django_filters.ChoiceFilter(choices=SiteKind.choices, label="载体类型")
    status = django_filters.ChoiceFilter(choices=SiteStatus.choices, label="状态")
    unit = django_filters.ModelChoiceFilter(queryset=Unit.objects.all(), method="in_unit", label="所在单位")
    min_area = django_filters.NumberFilter(field_name="area", lookup_expr="gte", label="面积不小于")

    class Meta:
        model = Site
        fields = ["q", "kind", "status", "unit"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value)
                               | Q(suitable_industries__icontains=value))

    def in_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)
