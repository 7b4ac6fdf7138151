import django_tables2 as tables

from kechuang.core.tables import BaseTable
from kechuang.core.text import mask

from .models import Org


class OrgTable(BaseTable):
    name = tables.Column(linkify=True)
    county = tables.Column(
        accessor="region__county",
        verbose_name="县（市、区）",
        order_by=("region__path",),
        linkify=True,
    )
    region = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Org
        fields = (
            "pk",
            "name",
            "uscc",
            "kind",
            "industry",
            "county",
            "region",
            "legal_representative",
            "contact_person",
            "contact_phone",
            "established_on",
            "actions",
        )

    def render_contact_phone(self, value):
        return value if getattr(self.user, "can_view_personal_data", False) else mask(value)

    def value_contact_phone(self, value):
        return self.render_contact_phone(value)
