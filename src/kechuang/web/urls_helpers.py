"""URL patterns for a registry model, named by convention: app:model_list, model_add, model, …"""

from django.urls import path

from . import generic

# Views that are the same for every model unless an app declares its own.
DEFAULT_VIEWS = {
    "DeleteView": generic.ObjectDeleteView,
    "ChangeLogView": generic.ObjectChangeLogView,
}


def model_urls(model, views, prefix: str | None = None):
    """The standard URLs of `model`, taking views named <Model>ListView, <Model>View, … from
    the `views` module. Delete and change-history views default to the generic ones over
    `model.objects.all()`; other views that a module does not define are not routed."""
    name = model._meta.model_name
    cls = model.__name__
    prefix = prefix if prefix is not None else f"{name}s/"
    routes = [
        ("", f"{cls}ListView", f"{name}_list"),
        ("add/", f"{cls}EditView", f"{name}_add"),
        ("<int:pk>/", f"{cls}View", name),
        ("<int:pk>/edit/", f"{cls}EditView", f"{name}_edit"),
        ("<int:pk>/delete/", f"{cls}DeleteView", f"{name}_delete"),
        ("<int:pk>/changelog/", f"{cls}ChangeLogView", f"{name}_changelog"),
    ]
    patterns = []
    for route, view, url_name in routes:
        view_class = getattr(views, view, None)
        if view_class is None and view.removeprefix(cls) in DEFAULT_VIEWS:
            view_class = type(
                view, (DEFAULT_VIEWS[view.removeprefix(cls)],), {"queryset": model.objects.all()}
            )
        if view_class is not None:
            patterns.append(path(prefix + route, view_class.as_view(), name=url_name))
    return patterns
