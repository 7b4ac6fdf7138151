"""Small, hand-checkable evaluation fixtures: a two-indicator scheme and platforms whose scores
are worked out in the comments."""

from datetime import date

from kechuang.enterprises.models import Enterprise, Qualification
from kechuang.evaluation import services
from kechuang.evaluation.models import Run
from kechuang.platforms.models import Platform, PlatformReport

# Score = 60 × min(Σ R&D / 900, 1) + 40 × clip(Σ patents granted / 10, 0, 1).
DEFINITION = {
    "code": "test-scheme",
    "name": "测试体系",
    "platform_kind": "engineering-center",
    "window": 3,
    "missing": "zero",
    "grading": {
        "bands": [[80, "优秀"], [60, "合格"], [30, "基本合格"], [None, "不合格"]],
        "quotas": {"优秀": 0.34},
    },
    "proposals": {"警告": ["基本合格"], "撤销": ["不合格"]},
    "consecutive_warnings": 2,
    "floors": [{"field": "rd_spend_wan", "agg": "sum", "min": 0.01, "reason": "近三年无研发投入"}],
    "exemptions": ["high_tech"],
    "tree": [
        {
            "code": "input",
            "name": "研发投入",
            "weight": 60,
            "children": [
                {
                    "code": "rd",
                    "name": "研发经费",
                    "source": {"field": "rd_spend_wan", "agg": "sum"},
                    "normalization": "reference",
                    "params": {"reference": 900},
                }
            ],
        },
        {
            "code": "output",
            "name": "科技成果",
            "weight": 40,
            "children": [
                {
                    "code": "patents",
                    "name": "专利授权",
                    "source": {"field": "patents_granted", "agg": "sum"},
                    "normalization": "goalpost",
                    "params": {"low": 0, "high": 10},
                }
            ],
        },
    ],
}


def platform(name, host, region=None, **extra):
    values = {
        "kind": "engineering-center",
        "level": "municipal",
        "industry": "nylon",
        "approved_on": date(2018, 6, 1),
    }
    values.update(extra)
    p = Platform(name=name, host=host, region=region or host.region, **values)
    p.save()
    return p


def reports(p, years, rd, patents, status="approved"):
    for year in years:
        PlatformReport(
            platform=p,
            year=year,
            rd_spend_wan=rd,
            patents_granted=patents,
            staff=20,
            researchers=10,
            status=status,
        ).save()


def high_tech(org, year):
    enterprise = Enterprise.objects.create(org=org)
    Qualification.objects.create(
        enterprise=enterprise,
        kind="high_tech",
        number=f"GR{org.pk}",
        year=year,
        issued_on=date(year, 1, 10),
    )


def scheme(definition=None):
    saved, _version, _created = services.save_version(definition or DEFINITION)
    return saved


def run(the_scheme, year=2024, **extra):
    values = {"title": f"{year}年测试评价", "year": year, "draws": 200, "seed": 7}
    values.update(extra)
    return Run.objects.create(scheme_version=the_scheme.current, **values)
