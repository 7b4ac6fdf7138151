"""URL patterns for a registry model, named by convention: app:model_list, model_add, model, …"""

from django.urls import path


def model_urls(model, views, prefix: str | None = None):
    """The standard URLs of `model`, taking views named <Model>ListView, <Model>View, … from
    the `views` module. Views that a module does not define are simply not routed."""
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
    return [
        path(prefix + route, getattr(views, view).as_view(), name=url_name)
        for route, view, url_name in routes
        if hasattr(views, view)
    ]
