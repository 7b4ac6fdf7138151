from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from .models import User
from .roles import Role


@login_required
@permission_required("accounts.view_user", raise_exception=True)
def user_list(request):
    users = User.objects.select_related("org").prefetch_related("regions").order_by("username")
    q = request.GET.get("q", "").strip()
    if q:
        users = users.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    if role := request.GET.get("role"):
        users = users.filter(role=role)
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "roles": Role.choices, "q": q, "role": role or ""},
    )
