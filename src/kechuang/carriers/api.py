from decimal import Decimal

from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import CarrierFilterSet, FundFilterSet, InvestmentFilterSet, TenancyFilterSet
from .models import Carrier, Fund, Investment, Tenancy

COMMON = ("version", "created", "updated")


class CarrierSerializer(BaseSerializer):
    class Meta:
        model = Carrier
        fields = (
            "id",
            "url",
            "name",
            "kind",
            "level",
            "specialisation",
            "operator",
            "region",
            "industry",
            "recognised_on",
            "area_sqm",
            "incubation_area_sqm",
            "fund_size_wan",
            "mentors",
            "staff",
            "professional_staff",
            "status",
            "description",
            *COMMON,
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {
            "name": {
                "validators": [UniqueValidator(Carrier.objects.all(), message="已有同名的孵化载体")]
            }
        }


class CarrierViewSet(BaseViewSet):
    queryset = Carrier.objects.select_related("operator", "region")
    serializer_class = CarrierSerializer
    filterset_class = CarrierFilterSet
    ordering_fields = ("name", "recognised_on")


class TenancySerializer(BaseSerializer):
    is_incubating = serializers.SerializerMethodField(help_text="今天是否仍在孵（由日期推算）")
    graduated = serializers.BooleanField(read_only=True, help_text="是否以毕业离开")

    class Meta:
        model = Tenancy
        fields = (
            "id",
            "url",
            "carrier",
            "enterprise",
            "entered_on",
            "exited_on",
            "exit_reason",
            "graduated_criteria_note",
            "ip_count",
            "is_incubating",
            "graduated",
            *COMMON,
        )
        read_only_fields = ("created", "updated")

    def get_is_incubating(self, obj) -> bool:
        return obj.is_incubating()


class TenancyViewSet(BaseViewSet):
    queryset = Tenancy.objects.select_related("carrier", "enterprise")
    serializer_class = TenancySerializer
    filterset_class = TenancyFilterSet
    ordering_fields = ("entered_on", "exited_on")


class FundSerializer(BaseSerializer):
    invested_total_wan = serializers.SerializerMethodField(help_text="已登记投资合计（万元）")

    class Meta:
        model = Fund
        fields = (
            "id",
            "url",
            "name",
            "manager",
            "region",
            "size_wan",
            "established_on",
            "government_guided",
            "focus_industries",
            "description",
            "invested_total_wan",
            *COMMON,
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {
            "name": {
                "validators": [UniqueValidator(Fund.objects.all(), message="已有同名的创投基金")]
            }
        }

    def get_invested_total_wan(self, obj) -> str:
        # Lists carry the annotation; a freshly saved fund does not.
        total = getattr(obj, "invested_sum", None)
        if total is None:
            total = obj.invested_total()
        return f"{Decimal(total):.2f}"


class FundViewSet(BaseViewSet):
    queryset = Fund.objects.with_invested().select_related("manager", "region")
    serializer_class = FundSerializer
    filterset_class = FundFilterSet
    ordering_fields = ("name", "size_wan", "established_on")


class InvestmentSerializer(BaseSerializer):
    class Meta:
        model = Investment
        fields = (
            "id",
            "url",
            "fund",
            "enterprise",
            "amount_wan",
            "invested_on",
            "round",
            "carrier",
            "note",
            *COMMON,
        )
        read_only_fields = ("created", "updated")


class InvestmentViewSet(BaseViewSet):
    queryset = Investment.objects.select_related("fund", "enterprise", "carrier")
    serializer_class = InvestmentSerializer
    filterset_class = InvestmentFilterSet
    ordering_fields = ("invested_on", "amount_wan")


ROUTES = [
    ("carriers", CarrierViewSet),
    ("tenancies", TenancyViewSet),
    ("funds", FundViewSet),
    ("investments", InvestmentViewSet),
]
