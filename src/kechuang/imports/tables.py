import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from kechuang.core.tables import BaseTable

from .kinds import registry
from .models import Batch


class BatchTable(BaseTable):
    id = tables.Column(verbose_name=_("批次"), linkify=lambda record: record.get_absolute_url())
    file_name = tables.Column(linkify=lambda record: record.get_absolute_url())
    kind = tables.Column()
    actions = None
    pk = None

    class Meta(BaseTable.Meta):
        model = Batch
        fields = (
            "id",
            "file_name",
            "kind",
            "status",
            "rows",
            "new",
            "changed",
            "unchanged",
            "error_count",
            "user",
            "created",
            "committed_at",
            "rolled_back_at",
        )
        sequence = fields

    def render_kind(self, value):
        kind = registry().get(value)
        return kind.bind().title if kind else value

    def value_kind(self, value):
        return self.render_kind(value)
