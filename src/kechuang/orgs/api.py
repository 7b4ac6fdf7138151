from rest_framework.validators import UniqueValidator

from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import OrgFilterSet
from .models import Org, validate_uscc


class OrgSerializer(BaseSerializer):
    class Meta:
        model = Org
        fields = (
            "id",
            "url",
            "name",
            "uscc",
            "kind",
            "industry",
            "region",
            "address",
            "legal_representative",
            "contact_person",
            "contact_phone",
            "established_on",
            "registered_capital_wan",
            "description",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")
        extra_kwargs = {
            "uscc": {
                "validators": [
                    validate_uscc,
                    UniqueValidator(Org.objects.all(), message="统一社会信用代码已被其他单位使用"),
                ]
            }
        }


class OrgViewSet(BaseViewSet):
    queryset = Org.objects.select_related("region")
    serializer_class = OrgSerializer
    filterset_class = OrgFilterSet
    ordering_fields = ("name", "uscc", "established_on")


ROUTES = [("orgs", OrgViewSet)]
