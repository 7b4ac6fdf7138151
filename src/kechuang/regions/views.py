from django.db.models import Count

from kechuang.web import generic

from .filtersets import RegionFilterSet
from .forms import RegionForm
from .models import Region
from .tables import RegionTable


class RegionListView(generic.ObjectListView):
    queryset = Region.objects.select_related("parent").annotate(children_count=Count("children"))
    filterset = RegionFilterSet
    table = RegionTable


class RegionView(generic.ObjectView):
    queryset = Region.objects.select_related("parent")

    def extra_context(self, obj):
        children = obj.children.restrict(self.request.user, "view").annotate(
            children_count=Count("children")
        )
        return {"ancestors": obj.ancestors(), "children": children}


class RegionEditView(generic.ObjectEditView):
    queryset = Region.objects.all()
    form = RegionForm
