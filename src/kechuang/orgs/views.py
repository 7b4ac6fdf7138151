from kechuang.web import generic

from .filtersets import OrgFilterSet
from .forms import OrgForm
from .models import Org
from .tables import OrgTable


class OrgListView(generic.ObjectListView):
    queryset = Org.objects.select_related("region__parent__parent")
    filterset = OrgFilterSet
    table = OrgTable


class OrgView(generic.ObjectView):
    queryset = Org.objects.select_related("region")


class OrgEditView(generic.ObjectEditView):
    queryset = Org.objects.all()
    form = OrgForm
