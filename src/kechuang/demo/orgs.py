"""Synthetic organisations for the Pingdingshan demo: obviously invented names, valid USCCs."""

import random
from datetime import date

from kechuang.core.identifiers import make_uscc
from kechuang.orgs.choices import OrgKind
from kechuang.orgs.models import Org
from kechuang.regions.choices import RegionLevel
from kechuang.regions.models import Region

# Key industries of the plan (三(二), DOMAIN.md §5.2) → words for names and the GB/T 4754 section.
FIELDS = (
    ("尼龙新材料", "C"),
    ("尼龙纤维", "C"),
    ("电气装备", "C"),
    ("特钢", "C"),
    ("不锈钢", "C"),
    ("硅碳新材料", "C"),
    ("储能", "C"),
    ("电子信息", "I"),
    ("软件", "I"),
    ("煤化工", "B"),
    ("智能制造", "C"),
    ("生物医药", "C"),
    ("现代农业", "A"),
    ("检验检测", "M"),
    ("节能环保", "N"),
)
SUFFIXES = ("科技有限公司", "有限公司", "股份有限公司", "新材料有限公司", "技术有限公司")
# Weight of each county-level unit in the demo (the high-tech zone and the districts hold more).
COUNTY_WEIGHTS = {
    "410402": 9,
    "410403": 7,
    "410404": 2,
    "410411": 7,
    "410421": 5,
    "410422": 6,
    "410423": 4,
    "410425": 4,
    "410471": 12,
    "410472": 3,
    "410481": 6,
    "410482": 8,
}
NON_ENTERPRISES = (
    (OrgKind.UNIVERSITY, "示例理工学院", "12", "P", "410402"),
    (OrgKind.UNIVERSITY, "示例职业技术学院", "12", "P", "410411"),
    (OrgKind.UNIVERSITY, "示例尼龙产业学院", "12", "P", "410471"),
    (OrgKind.INSTITUTE, "示例尼龙新材料产业研究院", "12", "M", "410471"),
    (OrgKind.INSTITUTE, "示例农业科学研究所", "12", "M", "410422"),
    (OrgKind.INSTITUTE, "示例电气装备研究院", "12", "M", "410471"),
    (OrgKind.MEDICAL, "示例市第一人民医院", "12", "Q", "410402"),
    (OrgKind.OTHER, "示例科技成果转移转化中心", "52", "M", "410402"),
)
FAMILY_NAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"


def demo_orgs(count: int = 420, seed: int = 2020):
    """Yield unsaved Org objects, deterministic for a seed, spread over the counties."""
    rng = random.Random(seed)
    counties = {
        r.code: r for r in Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="4104")
    }
    codes = [c for c in COUNTY_WEIGHTS if c in counties]
    weights = [COUNTY_WEIGHTS[c] for c in codes]
    for i, (kind, name, prefix, industry, code) in enumerate(NON_ENTERPRISES, start=1):
        yield _org(rng, f"平顶山{name}", prefix, kind, industry, counties[code], 90000000 + i)
    for i in range(1, count + 1):
        code = rng.choices(codes, weights)[0]
        county = counties[code]
        word, industry = rng.choice(FIELDS)
        short = county.name.replace("平顶山", "").replace("市城乡一体化", "")[:2]
        name = f"{short}示例{word}{rng.choice(SUFFIXES)}（{i:03d}）"
        yield _org(rng, name, "91", OrgKind.ENTERPRISE, industry, county, 70000000 + i)


def _org(rng, name, prefix, kind, industry, county, number):
    townships = list(county.children.all()) or [county]
    region = rng.choice(townships)
    phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
    return Org(
        name=name,
        uscc=make_uscc(prefix, county.code, f"{number:08d}"),
        kind=kind,
        industry=industry,
        region=region,
        address=f"{county.name}{region.name}示例路{number % 97 + 1}号",
        legal_representative=rng.choice(FAMILY_NAMES) + "某",
        contact_person=rng.choice(FAMILY_NAMES) + "某某",
        contact_phone=phone,
        established_on=date(rng.randint(1995, 2023), rng.randint(1, 12), rng.randint(1, 28)),
        registered_capital_wan=rng.choice((100, 200, 500, 1000, 3000, 5000, 10000)),
        description="演示数据：虚构单位，仅用于展示。",
    )
