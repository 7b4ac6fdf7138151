"""Roles: what each kind of user may do (Django permissions). Which rows: core.scoping."""

from django.db import models
from django.utils.translation import gettext_lazy as _

ALL = ("view", "add", "change", "delete")
EDIT = ("view", "add", "change")


class Role(models.TextChoices):
    CITY_ADMIN = "city-admin", _("市级管理员")
    CITY_STAFF = "city-staff", _("市级业务人员")
    COUNTY_STAFF = "county-staff", _("县区业务人员")
    ORG_USER = "org-user", _("单位用户")
    EXPERT = "expert", _("评审专家")


# The registries (each an app whose models are all scoped by region / organisation).
REGISTRY_APPS = (
    "orgs",
    "enterprises",
    "platforms",
    "talents",
    "carriers",
    "achievements",
    "projects",
    "chains",
)

# role -> {(app_label, model_name or "*"): actions}. A new registry adds its app above.
ROLE_PERMISSIONS: dict[str, dict[tuple[str, str], tuple[str, ...]]] = {
    Role.CITY_ADMIN: {("*", "*"): ALL},
    Role.CITY_STAFF: {
        ("regions", "region"): ("view",),
        **{(app, "*"): ALL for app in REGISTRY_APPS},
        ("plans", "*"): ("view", "change"),
        # Cultivation results are computed; "change" lets staff run the yearly batch.
        ("cultivation", "*"): ("view", "change"),
        ("imports", "batch"): ("view", "add"),
        ("plans", "submission"): ALL,
        ("plans", "statvalue"): ALL,
        ("plans", "task"): ALL,
        ("plans", "reportingperiod"): ALL,
        # 绩效评价: schemes, runs, spot checks (results are computed, view only).
        ("evaluation", "*"): ALL,
    },
    Role.COUNTY_STAFF: {
        ("regions", "region"): ("view",),
        **{(app, "*"): EDIT for app in REGISTRY_APPS},
        # Chains are the city's: counties see them and what is attached, they do not edit them.
        ("chains", "*"): ("view",),
        ("plans", "*"): ("view",),
        ("cultivation", "*"): ("view",),
        ("imports", "batch"): ("view", "add"),
        # 统计填报: counties fill and submit their own figures.
        ("plans", "submission"): EDIT,
        ("plans", "statvalue"): EDIT,
        # Counties see evaluations of their platforms and record spot-check findings there.
        ("evaluation", "*"): ("view",),
        ("evaluation", "spotcheckitem"): ("view", "change"),
    },
    # Organisation users keep their own organisation's records (rows limited by scope_org_field).
    Role.ORG_USER: {
        ("regions", "region"): ("view",),
        ("orgs", "org"): ("view", "change"),
        ("enterprises", "*"): EDIT,
        ("platforms", "*"): EDIT,
        ("achievements", "*"): EDIT,
        # Applicants: see calls and their projects, prepare their own proposals and milestones.
        ("projects", "call"): ("view",),
        ("projects", "project"): ("view",),
        ("projects", "proposal"): EDIT,
        ("projects", "milestone"): EDIT,
        ("talents", "*"): ("view",),
        ("carriers", "*"): ("view",),
        ("chains", "*"): ("view",),
        ("plans", "*"): ("view",),
        ("cultivation", "*"): ("view",),
        ("imports", "batch"): ("view", "add"),
        # Their own platforms' results (Result is scoped by host); schemes and runs are public.
        ("evaluation", "scheme"): ("view",),
        ("evaluation", "run"): ("view",),
        ("evaluation", "result"): ("view",),
    },
    Role.EXPERT: {
        ("plans", "*"): ("view",),
        ("evaluation", "scheme"): ("view",),
        ("evaluation", "run"): ("view",),
        ("evaluation", "result"): ("view",),
    },
}

# Permissions beyond view/add/change/delete.
ROLE_EXTRA_PERMISSIONS = {
    Role.CITY_ADMIN: {
        ("accounts", "view_personal_data"),
        ("plans", "review_submission"),
        ("evaluation", "publish_run"),
    },
    Role.CITY_STAFF: {
        ("accounts", "view_personal_data"),
        ("plans", "review_submission"),
        ("evaluation", "publish_run"),
    },
}

KECHUANG_APPS = (
    "accounts",
    "regions",
    "plans",
    "cultivation",
    "imports",
    "evaluation",
    *REGISTRY_APPS,
)


def role_permission_codenames(role: str) -> set[tuple[str, str]]:
    """(app_label, codename) pairs granted to `role`."""
    from django.apps import apps

    granted = set()
    for (app_label, model_name), actions in ROLE_PERMISSIONS[role].items():
        labels = KECHUANG_APPS if app_label == "*" else (app_label,)
        for label in labels:
            try:
                models_ = apps.get_app_config(label).get_models()
            except LookupError:
                continue
            for model in models_:
                name = model._meta.model_name
                if model_name not in ("*", name) or name.startswith("historical"):
                    continue
                granted.update((label, f"{action}_{name}") for action in actions)
    return granted | ROLE_EXTRA_PERMISSIONS.get(role, set())


def sync_role_groups(**kwargs):
    """Create one auth Group per role holding exactly its permissions (runs after migrate)."""
    from django.contrib.auth.models import Group, Permission

    all_perms = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type")
    }
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = [all_perms[key] for key in role_permission_codenames(role) if key in all_perms]
        group.permissions.set(wanted)
