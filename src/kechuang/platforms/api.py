from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from kechuang.api.base import BaseSerializer, BaseViewSet

from .choices import ORG_USER_REPORT_STATUSES, REVIEWED_REPORT_STATUSES, org_user_lock_problem
from .filtersets import PlatformFilterSet, PlatformReportFilterSet
from .models import Platform, PlatformReport, co_host_problem


class PlatformSerializer(BaseSerializer):
    class Meta:
        model = Platform
        fields = (
            "id",
            "url",
            "name",
            "code",
            "kind",
            "level",
            "host",
            "co_hosts",
            "tech_field",
            "industry",
            "region",
            "approved_on",
            "approval_doc",
            "status",
            "status_since",
            "revoked_on",
            "director",
            "description",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")
        # Uniqueness of the code is a model constraint (checked in full_clean, Chinese message).
        validators = []
        extra_kwargs = {"code": {"validators": []}}

    def validate(self, attrs):
        # Many-to-many values cannot be set on an unsaved instance: keep them aside.
        co_hosts = attrs.pop("co_hosts", None)
        host = attrs.get("host", getattr(self.instance, "host", None))
        existing = list(self.instance.co_hosts.all()) if self.instance is not None else []
        if problem := co_host_problem(host, co_hosts if co_hosts is not None else existing):
            raise ValidationError({"co_hosts": [problem]})
        attrs = super().validate(attrs)
        if co_hosts is not None:
            attrs["co_hosts"] = co_hosts
        return attrs


class PlatformViewSet(BaseViewSet):
    queryset = Platform.objects.select_related("host", "region").prefetch_related("co_hosts")
    serializer_class = PlatformSerializer
    filterset_class = PlatformFilterSet
    ordering_fields = ("name", "code", "approved_on", "status_since")


class PlatformReportSerializer(BaseSerializer):
    platform_name = serializers.CharField(source="platform.name", read_only=True)

    class Meta:
        model = PlatformReport
        fields = (
            "id",
            "url",
            "platform",
            "platform_name",
            "year",
            "rd_spend_wan",
            "staff",
            "researchers",
            "senior_researchers",
            "projects",
            "project_funding_wan",
            "patents_applied",
            "patents_granted",
            "invention_patents_granted",
            "achievements_transferred",
            "transfer_income_wan",
            "cooperation_projects",
            "income_wan",
            "equipment_value_wan",
            "standards",
            "papers",
            "status",
            "submitted_at",
            "reviewed_by",
            "review_comment",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("submitted_at", "reviewed_by", "created", "updated")
        # One report per platform and year: the model constraint gives the Chinese message.
        validators = []

    def validate(self, attrs):
        user = getattr(self.context.get("request"), "user", None)
        status = attrs.get("status")
        before = self.instance.status if self.instance is not None else None
        if problem := org_user_lock_problem(before, user):
            raise ValidationError({"status": [problem]})
        if (
            status is not None
            and status != before
            and getattr(user, "scope_org_id", None) is not None
            and status not in ORG_USER_REPORT_STATUSES
        ):
            raise ValidationError(
                {"status": ["单位用户只能将年报保存为草稿或提交，审核由科技部门进行"]}
            )
        attrs = super().validate(attrs)
        if status in REVIEWED_REPORT_STATUSES and status != before:
            attrs["reviewed_by"] = user
        return attrs


class PlatformReportViewSet(BaseViewSet):
    queryset = PlatformReport.objects.select_related("platform")
    serializer_class = PlatformReportSerializer
    filterset_class = PlatformReportFilterSet
    ordering_fields = ("year", "rd_spend_wan", "submitted_at")


ROUTES = [("platforms", PlatformViewSet), ("platform-reports", PlatformReportViewSet)]
