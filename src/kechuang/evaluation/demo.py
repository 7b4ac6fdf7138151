"""Demo: the example schemes, published evaluations of the municipal platforms for the last two
years of approved reports, a spot check with findings, and a correction that applies them."""

import random
from datetime import date

from kechuang.core.choices import Level
from kechuang.platforms.demo import LAST_REPORT_YEAR

from . import services
from .choices import CheckStatus, RunStatus
from .models import Run, Scheme, SpotCheck

# The demo's last year of reports is still under review; the last approved one is a year before.
LAST_APPROVED = LAST_REPORT_YEAR - 1
FINDINGS = (
    ("研发投入明细与财务账目一致，仪器设备运行记录完整（演示）", 0),
    ("部分研发人员为兼职，固定人员数偏高，核减后扣分（演示）", -5),
    ("成果转化合同与到账凭证不一致，扣分（演示）", -8),
    ("现场查看中试线运行良好，资料齐全（演示）", 0),
)


def load(rng: random.Random) -> str:
    services.load_builtin()
    made = []
    for code, years in (
        ("engineering-center", (LAST_APPROVED - 1, LAST_APPROVED)),
        ("enterprise-center", (LAST_APPROVED,)),
        ("key-lab", (LAST_APPROVED,)),
        ("new-rd", (LAST_APPROVED,)),
    ):
        scheme = Scheme.objects.get(code=code)
        for year in years:
            title = f"{year}年度{scheme.get_platform_kind_display()}绩效评价（演示）"
            if Run.objects.filter(title=title).exists():
                continue
            run = Run.objects.create(
                title=title,
                scheme_version=scheme.current,
                year=year,
                population={"levels": [Level.MUNICIPAL], "regions": []},
                draws=500,
                seed=rng.randrange(2**31),
            )
            services.compute(run)
            services.review(run, None)
            if code != "new-rd":  # one run left at 已复核, waiting to be published
                services.publish(run, None)
            made.append(run)
    spot = _spot_check(rng)
    return f"绩效评价：指标体系 {Scheme.objects.count()} 套，评价任务 {len(made)} 个" + spot


def _spot_check(rng: random.Random) -> str:
    run = (
        Run.objects.filter(
            scheme_version__scheme__code="engineering-center",
            year=LAST_APPROVED,
            status=RunStatus.PUBLISHED,
            corrects__isnull=True,
        )
        .order_by("pk")
        .first()
    )
    if run is None or run.spot_checks.exists():
        return ""
    check = services.create_spot_check(
        SpotCheck(
            title=f"{run.year}年度工程技术研究中心“双随机”抽查（演示）",
            run=run,
            strata="county",
            proportion=0.2,
            seed=rng.randrange(2**31),
        )
    )
    items = list(check.items.order_by("pk"))
    for item, (finding, adjustment) in zip(items, FINDINGS, strict=False):
        item.status = CheckStatus.CHECKED
        item.finding = finding
        item.adjustment = adjustment
        item.checked_on = date(run.year + 1, 5, rng.randint(1, 28))
        item.save()
    correction = services.correct(run, None, "按抽查核查结果调整得分（演示）")
    services.compute(correction)
    return f"，抽查 {len(items)} 个平台并据此更正 1 次"
