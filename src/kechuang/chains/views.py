from django.db.models import Count

from kechuang.web import generic

from .filtersets import ChainFilterSet, LinkFilterSet
from .forms import ChainForm, LinkForm
from .models import Chain, Link
from .services import chain_context
from .tables import ChainTable, LinkTable


class ChainListView(generic.ObjectListView):
    queryset = Chain.objects.annotate(
        link_count=Count("links", distinct=True),
        enterprise_count=Count("links__enterprises", distinct=True),
    )
    filterset = ChainFilterSet
    table = ChainTable


class ChainView(generic.ObjectView):
    queryset = Chain.objects.all()

    def extra_context(self, obj):
        return chain_context(obj, self.request.user)


class ChainEditView(generic.ObjectEditView):
    queryset = Chain.objects.all()
    form = ChainForm


class LinkListView(generic.ObjectListView):
    queryset = Link.objects.select_related("chain")
    filterset = LinkFilterSet
    table = LinkTable


class LinkView(generic.ObjectView):
    queryset = Link.objects.select_related("chain")


class LinkEditView(generic.ObjectEditView):
    queryset = Link.objects.all()
    form = LinkForm
