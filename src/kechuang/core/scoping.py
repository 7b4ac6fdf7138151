"""Region and organisation scoping: the one place that decides which rows a user may see.

A model says how it is scoped with two class attributes:

* ``scope_region_field``: the lookup path to a ``regions.Region`` ("region", "org__region"),
  ``"self"`` for the Region model itself, ``None`` when rows are not regional.
* ``scope_org_field``: the lookup path to an ``orgs.Org`` ("org", ``"self"`` for Org), used for
  organisation users; ``None`` when organisation users see no rows of the model, unless
  ``org_users_see_own_region`` is set (reference data such as regions: their own region only).

``scope_public = True`` marks data published to every user who holds the view permission
(the plan and its indicators).

A user object exposes ``scope_region_paths()`` (``None`` = unrestricted, else a list of region
paths) and ``scope_org_id`` (the organisation of an organisation user, else ``None``).
"""

from django.db.models import Q, QuerySet

ACTIONS = ("view", "add", "change", "delete")


def permission_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _lookup(field: str, suffix: str) -> str:
    return suffix if field == "self" else f"{field}__{suffix}"


def scope_q(model, user) -> Q | None:
    """The filter that limits `model` rows to `user`'s scope; None means no limit."""
    if getattr(model, "scope_public", False):
        return None
    org_id = getattr(user, "scope_org_id", None)
    if org_id is not None:
        field = getattr(model, "scope_org_field", None)
        if field is not None:
            return Q(**{_lookup(field, "pk"): org_id})
        if not getattr(model, "org_users_see_own_region", False):
            return Q(pk__in=[])
    paths = user.scope_region_paths() if hasattr(user, "scope_region_paths") else []
    if paths is None:
        return None
    field = getattr(model, "scope_region_field", None)
    if field is None:
        # Non-regional reference data: visible to every user holding the permission.
        return None
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{_lookup(field, "path__startswith"): path})
    return q


def restrict(queryset: QuerySet, user, action: str = "view") -> QuerySet:
    """Rows of `queryset` that `user` may `action`; an empty queryset without the permission."""
    model = queryset.model
    if user is None or not user.is_active or not user.is_authenticated:
        return queryset.none()
    if not user.has_perm(permission_name(model, action)):
        return queryset.none()
    if user.is_superuser:
        return queryset
    q = scope_q(model, user)
    return queryset if q is None else queryset.filter(q)
