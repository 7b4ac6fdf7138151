from rest_framework import serializers

from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import AnnualDataFilterSet, EnterpriseFilterSet, QualificationFilterSet
from .models import AnnualData, Enterprise, Qualification


class EnterpriseSerializer(BaseSerializer):
    name = serializers.CharField(source="org.name", read_only=True)
    uscc = serializers.CharField(source="org.uscc", read_only=True)

    class Meta:
        model = Enterprise
        fields = (
            "id",
            "url",
            "org",
            "name",
            "uscc",
            "tech_field",
            "industry",
            "main_products",
            "listed",
            "description",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")


class AnnualDataSerializer(BaseSerializer):
    class Meta:
        model = AnnualData
        fields = (
            "id",
            "url",
            "enterprise",
            "year",
            "employees",
            "st_staff",
            "sales_revenue_wan",
            "total_income_wan",
            "total_assets_wan",
            "net_assets_wan",
            "cost_expense_total_wan",
            "rd_expense_wan",
            "rd_expense_in_china_wan",
            "high_tech_income_wan",
            "class1_ip",
            "class2_ip",
            "new_product_revenue_wan",
            "export_wan",
            "above_scale",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")


class QualificationSerializer(BaseSerializer):
    class Meta:
        model = Qualification
        fields = (
            "id",
            "url",
            "enterprise",
            "kind",
            "number",
            "year",
            "issued_on",
            "valid_until",
            "revoked_on",
            "note",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {"valid_until": {"required": False}}


class EnterpriseViewSet(BaseViewSet):
    queryset = Enterprise.objects.select_related("org")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet


class AnnualDataViewSet(BaseViewSet):
    queryset = AnnualData.objects.all()
    serializer_class = AnnualDataSerializer
    filterset_class = AnnualDataFilterSet
    ordering_fields = ("year",)


class QualificationViewSet(BaseViewSet):
    queryset = Qualification.objects.all()
    serializer_class = QualificationSerializer
    filterset_class = QualificationFilterSet
    ordering_fields = ("issued_on", "valid_until", "year")


ROUTES = [
    ("enterprises", EnterpriseViewSet),
    ("enterprise-annual-data", AnnualDataViewSet),
    ("qualifications", QualificationViewSet),
]
