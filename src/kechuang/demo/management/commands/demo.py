import os
import random
from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from kechuang.accounts.roles import Role
from kechuang.accounts.services import create_user
from kechuang.core.changelog import changelog_context
from kechuang.demo.orgs import demo_orgs
from kechuang.orgs.models import Org
from kechuang.plans.loader import BUILTIN_PLAN, load_plan
from kechuang.regions.loader import load_pingdingshan

# Registries whose `<app>.demo.load(rng)` adds their demo records, in dependency order.
DEMO_APPS = (
    "enterprises",
    "platforms",
    "talents",
    "carriers",
    "achievements",
    "projects",
    "chains",
    "cultivation",
    "plans",
    "evaluation",
)

DEMO_USERS = (
    # username, role, regions, display name
    ("admin", Role.CITY_ADMIN, (), "市局管理员"),
    ("city", Role.CITY_STAFF, ("410400",), "市局规划科"),
    ("xinhua", Role.COUNTY_STAFF, ("410402",), "新华区科技局"),
    ("yexian", Role.COUNTY_STAFF, ("410422",), "叶县科技局"),
    ("qiye", Role.ORG_USER, (), "企业填报员"),
    ("expert", Role.EXPERT, (), "评审专家"),
)


class Command(BaseCommand):
    help = "载入平顶山演示数据（可重复运行：已有数据不重复创建）"

    def add_arguments(self, parser):
        parser.add_argument("--orgs", type=int, default=900, help="演示企业数量")
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, orgs, quiet, **options):
        password = os.getenv("KECHUANG_DEMO_PASSWORD", "kechuang-demo")
        with changelog_context(reason="载入演示数据"), transaction.atomic():
            regions = load_pingdingshan()
            existing = set(Org.objects.values_list("uscc", flat=True))
            new_orgs = [o for o in demo_orgs(orgs) if o.uscc not in existing]
            for org in new_orgs:
                org.save()
            plan = load_plan(BUILTIN_PLAN, default=True)
            summaries = []
            for i, app in enumerate(DEMO_APPS):
                try:
                    module = import_module(f"kechuang.{app}.demo")
                except ModuleNotFoundError:
                    continue
                summaries.append(module.load(random.Random(2020 + i)))
            org_user_org = (
                Org.objects.filter(
                    kind="enterprise", region__path__startswith="/410000/410400/410402/"
                )
                .order_by("uscc")
                .first()
            )
            for username, role, region_codes, name in DEMO_USERS:
                if role == Role.ORG_USER and org_user_org is None:
                    continue
                user = create_user(
                    username,
                    role=role,
                    regions=region_codes,
                    display_name=name,
                    org_uscc=org_user_org.uscc if role == Role.ORG_USER else None,
                    password=password,
                    exists_ok=True,
                )
                if role == Role.CITY_ADMIN and not user.is_staff:
                    user.is_staff = True
                    user.save()
        if quiet:
            return
        self.stdout.write(
            f"区划：新增 {sum(regions.values())} 个；单位：新增 {len(new_orgs)} 家；规划：{plan.name}"
        )
        for summary in summaries:
            self.stdout.write(summary)
        self.stdout.write(f"\n演示账号（密码均为 {password}）：")
        for username, role, region_codes, name in DEMO_USERS:
            scope = "、".join(region_codes) or ("全部" if role == Role.CITY_ADMIN else "")
            if role == Role.ORG_USER:
                scope = org_user_org.name if org_user_org else "（无演示单位，未创建）"
            self.stdout.write(f"  {username:<8} {Role(role).label:<8} {name}  {scope}")
        self.stdout.write("\n打开 http://127.0.0.1:8000 登录。")
