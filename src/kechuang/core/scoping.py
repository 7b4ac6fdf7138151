"""Region and organisation scoping: the one place that decides which rows a user may see.

A model says how it is scoped with two class attributes:

* ``scope_region_field``: the lookup path to a ``regions.Region`` ("region", "org__region"),
  ``"self"`` for the Region model itself, ``None`` when rows are not regional; or a tuple of
  paths when a row belongs to several regions (a tech contract: seller's and buyer's).
* ``scope_org_field``: the lookup path (or tuple of paths) to an ``orgs.Org`` ("org", ``"self"``
  for Org), used for
  organisation users; ``None`` when organisation users see no rows of the model, unless
  ``org_users_see_own_region`` is set (reference data such as regions: their own region only).

``scope_public = True`` marks data published to every user who holds the view permission
(the plan, calls for proposals, chains). Publishing concerns viewing only: adding, changing and
deleting stay within the user's region or organisation like any other row.
``public_to_org_users = False`` keeps organisation users to their own organisation's rows even
for viewing.

A user object exposes ``scope_region_paths()`` (``None`` = unrestricted, else a list of region
paths) and ``scope_org_id`` (the organisation of an organisation user, else ``None``).
"""

from django.db.models import Q, QuerySet


def permission_name(model, action: str) -> str:
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def _lookup(field: str, suffix: str) -> str:
    return suffix if field == "self" else f"{field}__{suffix}"


def scope_q(model, user, action: str = "view") -> Q | None:
    """The filter that limits `model` rows to `user`'s scope for `action`; None means no limit."""
    org_id = getattr(user, "scope_org_id", None)
    if action == "view" and getattr(model, "scope_public", False):
        if org_id is None or getattr(model, "public_to_org_users", True):
            return None
    if org_id is not None:
        fields = _paths(getattr(model, "scope_org_field", None))
        if fields:
            return _any(Q(**{_lookup(f, "pk"): org_id}) for f in fields)
        if not getattr(model, "org_users_see_own_region", False):
            return Q(pk__in=[])
    paths = user.scope_region_paths() if hasattr(user, "scope_region_paths") else []
    if paths is None:
        return None
    fields = _paths(getattr(model, "scope_region_field", None))
    if not fields:
        # Non-regional reference data: visible to every user holding the permission.
        return None
    return _any(Q(**{_lookup(f, "path__startswith"): path}) for f in fields for path in paths)


def _paths(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _any(qs) -> Q:
    q = Q(pk__in=[])
    for item in qs:
        q |= item
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
    q = scope_q(model, user, action)
    return queryset if q is None else queryset.filter(q)


def _follow(obj, path: str):
    if path == "self":
        return obj
    for part in path.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def instance_in_scope(obj, user, action: str = "add") -> bool:
    """Whether `user` may `action` the (possibly unsaved) instance `obj`: the same rule as
    ``scope_q``, followed along the instance's attributes instead of in SQL (imports check each
    row before anything is written). Related objects along the paths should be loaded already."""
    model = type(obj)
    if user is None or not user.is_active or not user.is_authenticated:
        return False
    if not user.has_perm(permission_name(model, action)):
        return False
    if user.is_superuser:
        return True
    org_id = getattr(user, "scope_org_id", None)
    if action == "view" and getattr(model, "scope_public", False):
        if org_id is None or getattr(model, "public_to_org_users", True):
            return True
    if org_id is not None:
        fields = _paths(getattr(model, "scope_org_field", None))
        if fields:
            return any(getattr(_follow(obj, f), "pk", None) == org_id for f in fields)
        if not getattr(model, "org_users_see_own_region", False):
            return False
    paths = user.scope_region_paths() if hasattr(user, "scope_region_paths") else []
    if paths is None:
        return True
    fields = _paths(getattr(model, "scope_region_field", None))
    if not fields:
        return True
    regions = [r for r in (_follow(obj, f) for f in fields) if r is not None]
    return any(r.path.startswith(p) for r in regions for p in paths)
