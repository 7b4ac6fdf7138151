from kechuang.core.forms import BaseModelForm

from .models import Chain, Link


class ChainForm(BaseModelForm):
    class Meta:
        model = Chain
        fields = ("name", "industry", "leader", "task_force", "description")


class LinkForm(BaseModelForm):
    class Meta:
        model = Link
        fields = (
            "chain",
            "name",
            "position",
            "stage",
            "description",
            "enterprises",
            "platforms",
            "talents",
            "funds",
        )
