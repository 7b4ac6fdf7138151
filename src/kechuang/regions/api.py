from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import RegionFilterSet
from .models import Region


class RegionSerializer(BaseSerializer):
    class Meta:
        model = Region
        fields = (
            "id",
            "url",
            "code",
            "name",
            "level",
            "kind",
            "parent",
            "path",
            "is_synthetic",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("path", "created", "updated")


class RegionViewSet(BaseViewSet):
    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    ordering_fields = ("code", "name", "level")


ROUTES = [("regions", RegionViewSet)]
