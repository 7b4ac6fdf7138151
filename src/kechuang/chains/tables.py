import django_tables2 as tables

from kechuang.core.tables import BaseTable

from .models import Chain, Link


class ChainTable(BaseTable):
    name = tables.Column(linkify=True)
    link_count = tables.Column(verbose_name="环节数")
    enterprise_count = tables.Column(verbose_name="挂链企业数")

    class Meta(BaseTable.Meta):
        model = Chain
        fields = ("pk", "name", "industry", "leader", "link_count", "enterprise_count", "actions")


class LinkTable(BaseTable):
    name = tables.Column(linkify=True)
    chain = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Link
        fields = ("pk", "chain", "position", "name", "stage", "description", "actions")
