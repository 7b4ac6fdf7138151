"""Synthetic platforms and annual reports for `kechuang synth` (benchmarks)."""

import random
from datetime import date, timedelta
from decimal import Decimal

from kechuang.core.choices import KeyIndustry, Level
from kechuang.core.progress import ProgressBar

from .choices import PlatformKind, PlatformStatus, ReportStatus
from .models import Platform, PlatformReport

BATCH = 5000
LEVEL_WEIGHTS = ((Level.NATIONAL, 2), (Level.PROVINCIAL, 35), (Level.MUNICIPAL, 63))


def synthesize_platforms(rng: random.Random, orgs, n: int, stream=None) -> int:
    """`n` platforms hosted by random organisations, with reports for 2016–2025."""
    kinds = list(PlatformKind.values)
    industries = list(KeyIndustry.values)
    levels, weights = zip(*LEVEL_WEIGHTS, strict=True)
    platforms = []
    with ProgressBar(n, "创新平台", stream) as bar:
        for i in range(1, n + 1):
            host = rng.choice(orgs)
            approved = date(rng.randint(2005, 2025), 1, 1) + timedelta(days=rng.randint(0, 360))
            platforms.append(
                Platform(
                    name=f"合成{host.name[:4]}平台{i:06d}",
                    code=f"SYN-{i:06d}",
                    kind=rng.choice(kinds),
                    level=rng.choices(levels, weights)[0],
                    host=host,
                    industry=rng.choice(industries),
                    region_id=host.region_id,
                    approved_on=approved,
                    status=PlatformStatus.OPERATING,
                    status_since=approved,
                    search_initials=f"hc{i:06d}",
                )
            )
        created = []
        for k in range(0, n, BATCH):
            created += Platform.objects.bulk_create(platforms[k : k + BATCH])
            bar.advance(len(platforms[k : k + BATCH]))
    reports = []
    with ProgressBar(len(created), "平台年报", stream) as bar:
        for p in created:
            staff = rng.randint(10, 300)
            for year in range(max(2016, p.approved_on.year), 2026):
                researchers = int(staff * rng.uniform(0.4, 0.9))
                granted = rng.randint(0, 30)
                reports.append(
                    PlatformReport(
                        platform=p,
                        year=year,
                        rd_spend_wan=Decimal(f"{staff * rng.uniform(5, 40):.2f}"),
                        staff=staff,
                        researchers=researchers,
                        senior_researchers=int(researchers * rng.uniform(0.1, 0.5)),
                        projects=rng.randint(0, 40),
                        patents_applied=rng.randint(0, 40),
                        patents_granted=granted,
                        invention_patents_granted=rng.randint(0, granted),
                        achievements_transferred=rng.randint(0, 10),
                        status=ReportStatus.APPROVED,
                    )
                )
            if len(reports) >= BATCH:
                PlatformReport.objects.bulk_create(reports)
                reports = []
            bar.advance()
        PlatformReport.objects.bulk_create(reports)
    return len(created)
