import django_tables2 as tables

from kechuang.core.tables import BaseTable

from .models import Region


class RegionTable(BaseTable):
    code = tables.Column(linkify=True)
    name = tables.Column(linkify=True)
    parent = tables.Column(linkify=True)
    children_count = tables.Column(verbose_name="下级区划数", orderable=True)

    class Meta(BaseTable.Meta):
        model = Region
        fields = (
            "pk",
            "code",
            "name",
            "level",
            "kind",
            "parent",
            "children_count",
            "is_synthetic",
            "actions",
        )
