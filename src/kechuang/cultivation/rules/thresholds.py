"""Versioned rule tables: every threshold of the tech-SME and high-tech rules, as data.

A revised policy is a new table instance; the evaluation code reads only these objects.
Money is in 万元, ratios are fractions (0.04 = 4 %).
"""

from __future__ import annotations

from dataclasses import dataclass

# Tolerance for comparing a computed ratio with an inclusive lower bound, so that e.g.
# 0.7 / 10 counts as reaching 7 % despite binary floating point.
EPS = 1e-9


@dataclass(frozen=True)
class Band:
    """A scoring band: values at or above ``lower`` (strictly above when not inclusive)."""

    lower: float
    points: int = 0
    label: str = ""
    inclusive: bool = True

    def matches(self, value: float) -> bool:
        """Whether ``value`` falls in this band or above it."""
        if self.inclusive:
            return value + EPS >= self.lower
        return value > self.lower + EPS


def pick_band(bands: tuple[Band, ...], value: float) -> Band | None:
    """The first band (bands are ordered from highest down) that ``value`` reaches."""
    # Band.matches inlined: this runs several times per enterprise in the batch.
    for band in bands:
        if band.inclusive:
            if value + EPS >= band.lower:
                return band
        elif value > band.lower + EPS:
            return band
    return None


@dataclass(frozen=True)
class TechSmeRules:
    """科技型中小企业评价办法 (国科发政〔2017〕115号) 第六—八条."""

    policy_version: str
    effective_from: str
    source: str
    source_url: str
    clause: str
    max_employees: int
    max_sales_revenue_wan: float
    max_total_assets_wan: float
    min_score: int
    st_staff_bands: tuple[Band, ...]
    rd_sales_bands: tuple[Band, ...]
    rd_cost_bands: tuple[Band, ...]
    class1_ip_points: int
    class2_ip_bands: tuple[Band, ...]


@dataclass(frozen=True)
class HighTechRules:
    """高新技术企业认定管理办法 (国科发火〔2016〕32号) 第十一条 and 工作指引 growth bands."""

    policy_version: str
    effective_from: str
    source: str
    source_url: str
    clause: str
    min_registered_days: int
    min_st_staff_ratio: float
    # (upper bound of latest-year sales in 万元, inclusive; required R&D ratio); None = no bound.
    rd_ratio_bands: tuple[tuple[float | None, float], ...]
    min_rd_in_china_ratio: float
    min_high_tech_income_ratio: float
    min_innovation_score: int
    max_years: int
    growth_bands: tuple[Band, ...]


TECH_SME_2017 = TechSmeRules(
    policy_version="tech-sme-2017",
    effective_from="2017-05-03",
    source="《科技型中小企业评价办法》(国科发政〔2017〕115号)",
    source_url="https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/gfxwj/gfxwj2017/201705/t20170510_132709.html",
    clause="第六条、第七条、第八条",
    max_employees=500,
    max_sales_revenue_wan=20000,
    max_total_assets_wan=20000,
    min_score=60,
    st_staff_bands=(
        Band(0.30, 20),
        Band(0.25, 16),
        Band(0.20, 12),
        Band(0.15, 8),
        Band(0.10, 4),
        Band(0.0, 0),
    ),
    rd_sales_bands=(
        Band(0.06, 50),
        Band(0.05, 40),
        Band(0.04, 30),
        Band(0.03, 20),
        Band(0.02, 10),
        Band(0.0, 0),
    ),
    rd_cost_bands=(
        Band(0.30, 50),
        Band(0.25, 40),
        Band(0.20, 30),
        Band(0.15, 20),
        Band(0.10, 10),
        Band(0.0, 0),
    ),
    class1_ip_points=30,
    class2_ip_bands=(Band(4, 24), Band(3, 18), Band(2, 12), Band(1, 6), Band(0, 0)),
)

HIGH_TECH_2016 = HighTechRules(
    policy_version="high-tech-2016",
    effective_from="2016-01-01",
    source="《高新技术企业认定管理办法》(国科发火〔2016〕32号)；《高新技术企业认定管理工作指引》",
    source_url="https://www.most.gov.cn/xxgk/xinxifenlei/fdzdgknr/fgzc/gfxwj/gfxwj2016/201602/t20160204_123994.html",
    clause="第十一条；工作指引 企业成长性",
    min_registered_days=365,
    min_st_staff_ratio=0.10,
    rd_ratio_bands=((5000, 0.05), (20000, 0.04), (None, 0.03)),
    min_rd_in_china_ratio=0.60,
    min_high_tech_income_ratio=0.60,
    min_innovation_score=71,
    max_years=3,
    growth_bands=(
        Band(0.35, 10, "A"),
        Band(0.25, 8, "B"),
        Band(0.15, 6, "C"),
        Band(0.05, 4, "D"),
        Band(0.0, 2, "E", inclusive=False),
    ),
)

# The tables in force; a revision adds a new instance and points these names at it.
TECH_SME = TECH_SME_2017
HIGH_TECH = HIGH_TECH_2016
