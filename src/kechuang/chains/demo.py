"""Demo industry chains: 尼龙新材料 (coal → coke → hydrogen → nylon-66 salt → dipped cord fabric,
DOMAIN.md §5.2) and three other key chains, with the demo's entities attached to their links."""

import random

from kechuang.carriers.models import Fund
from kechuang.core.choices import KeyIndustry
from kechuang.enterprises.models import Enterprise
from kechuang.platforms.models import Platform
from kechuang.talents.models import Talent

from .models import Chain, Link

CHAINS = (
    (
        "尼龙新材料",
        KeyIndustry.NYLON,
        "示例链长（市领导）",
        (
            ("原煤开采与洗选", "up"),
            ("炼焦", "up"),
            ("煤制氢与基础化工", "up"),
            ("己二酸、己二胺", "mid"),
            ("尼龙66盐", "mid"),
            ("尼龙66切片聚合", "mid"),
            ("工业丝与纤维", "down"),
            ("浸胶帘子布", "down"),
            ("工程塑料与改性", "down"),
        ),
    ),
    (
        "电气装备",
        KeyIndustry.ELECTRICAL,
        "示例链长（市领导）",
        (
            ("电工材料与元器件", "up"),
            ("GIS 气体绝缘金属封闭开关设备", "mid"),
            ("变压器与电抗器", "mid"),
            ("智能电网系统集成", "down"),
        ),
    ),
    (
        "特钢不锈钢",
        KeyIndustry.SPECIAL_STEEL,
        "示例链长（市领导）",
        (
            ("铁矿与废钢回收", "up"),
            ("冶炼", "mid"),
            ("特厚钢板轧制", "mid"),
            ("不锈钢深加工", "down"),
        ),
    ),
    (
        "新一代信息技术",
        KeyIndustry.NEW_IT,
        "示例链长（市领导）",
        (
            ("电子元器件与半导体", "up"),
            ("软件与信息服务", "mid"),
            ("工业互联网应用", "down"),
        ),
    ),
)


def load(rng: random.Random) -> str:
    if Chain.objects.exists():
        return "产业链：已存在，未重复生成"
    total = 0
    for name, industry, leader, links in CHAINS:
        chain = Chain.objects.create(
            name=name,
            industry=industry,
            leader=leader,
            task_force=f"{name}产业链工作专班（示例）",
            description="演示数据：按“链长+专班”机制组织的重点产业链。",
        )
        created = [
            Link.objects.create(chain=chain, name=link, position=i, stage=stage)
            for i, (link, stage) in enumerate(links, start=1)
        ]
        for model, relation in (
            (Enterprise, "enterprises"),
            (Platform, "platforms"),
            (Talent, "talents"),
        ):
            for obj in model.objects.filter(industry=industry).order_by("pk"):
                getattr(rng.choice(created), relation).add(obj)
                total += 1
        for fund in Fund.objects.filter(focus_industries__contains=industry).order_by("pk"):
            rng.choice(created).funds.add(fund)
            total += 1
    return f"产业链：{len(CHAINS)} 条，挂链主体 {total} 个"
