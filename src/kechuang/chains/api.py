from kechuang.api.base import BaseSerializer, BaseViewSet

from .filtersets import ChainFilterSet, LinkFilterSet
from .models import Chain, Link


class ChainSerializer(BaseSerializer):
    class Meta:
        model = Chain
        fields = (
            "id",
            "url",
            "name",
            "industry",
            "leader",
            "task_force",
            "description",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")


class LinkSerializer(BaseSerializer):
    class Meta:
        model = Link
        fields = (
            "id",
            "url",
            "chain",
            "name",
            "position",
            "stage",
            "description",
            "enterprises",
            "platforms",
            "talents",
            "funds",
            "version",
            "created",
            "updated",
        )
        read_only_fields = ("created", "updated")


class ChainViewSet(BaseViewSet):
    queryset = Chain.objects.all()
    serializer_class = ChainSerializer
    filterset_class = ChainFilterSet


class LinkViewSet(BaseViewSet):
    queryset = Link.objects.prefetch_related("enterprises", "platforms", "talents", "funds")
    serializer_class = LinkSerializer
    filterset_class = LinkFilterSet


ROUTES = [("chains", ChainViewSet), ("chain-links", LinkViewSet)]
