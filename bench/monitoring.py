"""Benchmark: recomputing the plan's indicator values (规划监测) at province scale (CONTRACTS.md §3).

Each database is made fresh: `migrate`, then `kechuang synth --scale province` (Henan's real cities
and county-level units, 60,000 synthetic enterprises with qualifications and annual data 2016–2025,
3,000 platforms), the built-in plan loaded, and a copy of it for the whole province (region 410000,
code `bench-henan-province`, made the default plan) loaded from a temporary YAML. The measured step
is `kechuang.plans.values.recompute(plan, 2016..2025)` for that plan: every computed indicator for
the province, its cities and its county-level units, ten years, values stored as `IndicatorValue`
rows (the code under test, unchanged). Target (printed, not asserted): ≤ 10 s per recompute.

The floor, measured in the same run on the same database, is ONE hand-written SQL statement. A
UNION ALL of four aggregates, each joining its table to a ten-row table of years (2016–2025, with
each year's first and last day), is grouped by year and the row's region; the outer query joins the
regions and a table of the three path-prefix lengths (province, city, county level) and sums the
per-region figures by year and SUBSTR(region path, 1, length), for regions under the province's path:

* qualifications → enterprise → org's region, joined to the years in which the row counts
  (高新技术企业: issued on or before 31 December, valid until at least that day, not revoked by it;
  科技型中小企业: registered for that year, not revoked by year end): COUNT(DISTINCT enterprise) of
  each kind (indicators `hightech_enterprises`, `tech_smes`; per-region distinct counts add up to
  the city's and province's because each enterprise lies in exactly one region);
* platforms → region, operating on 31 December (approved by then, not revoked by then): COUNT(*),
  and the provincial and national ones counted with CASE (`platforms_total`, `_provincial`,
  `_national`);
* technology contracts → seller region, signed within the year: SUM(contract value) and
  SUM(transaction value) (`tech_contract_value`, `tech_transaction_value`; the synthetic data has
  no contracts, so this branch costs almost nothing, as it does the recompute);
* enterprise annual data → enterprise → org's region for the year: SUM(R&D expense) and
  SUM(sales revenue) (numerator and denominator of `enterprise_rd_intensity`).

These are all the indicators whose tables hold rows in the synthetic data (the others — tenancies,
commissioners' assignments, talents, achievements, villages, the approved statistical series of
统计填报 — read empty tables), with the same
definitions as the plan's YAML (the bench checks this: every value the recompute stored for these
indicators must equal the floor's number for its region and year, or the run reports the mismatch).
It is a fair lower bound: it computes the same numbers from the same rows with the same joins, but
in one statement that the database plans as a whole (each table read once, not once per year and
path length as the ORM's one query per measure × year × level does; regions rolled up to their
prefixes after a first aggregation per region), with no ORM, no Python-side work per group, and
nothing written (the recompute also deletes and inserts its ~30,000 values).

Every measured step runs in its own freshly spawned process (Django set up, nothing cached): the
floor, the recompute, the dashboard pages. Peak memory is the recompute process's peak resident set
size during the recompute (Linux VmHWM, reset just before; ≈100 MB of it is the interpreter and
Django, reported as `base_mb`). Django runs with DEBUG off (no query log), as in production.
PostgreSQL is a throw-away cluster started from Debian's binaries with the test suite's helper (fsync
off, as in the tests). The two databases are filled in parallel (two processes) before anything is
measured; measured steps run one at a time.

The dashboard pages are timed at the same scale with Django's test `Client` (no server, no network):
a user with the city-staff role scoped to the province (410000), logged in with `force_login`, GETs `/plans/monitor/?year=2024`
and `/plans/monitor/<code>/?year=2024` for `hightech_enterprises` and `enterprise_rd_intensity`, five
times each; the median is reported (target ≤ 300 ms), with the first (cold) request and the number of
SQL queries of one request.

    .venv/bin/python bench/monitoring.py [--quick] [--enterprises N] [--db sqlite,postgresql]
                                         [--profile]

`--quick`: the same province regions and plan with 1,000 enterprises and 50 platforms, SQLite only
(about 35–45 s). `--profile`: also run one recompute under cProfile on the first database and print
the 20 functions with the most own time, and the 15 of one request of the first indicator page.

The last line is one JSON object: `seconds` is the slowest recompute, `floor_seconds` that run's
floor, `ratio` the worst ratio of all runs, `peak_mb` the highest recompute peak, `pages_ms` the
slowest median per page over the databases; `runs` holds every database's figures.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, in_child, peak_mb, reset_peak, rss_mb, start_child, start_postgres  # noqa: E402

YEARS = tuple(range(2016, 2026))
PROVINCE = "410000"
PLAN_CODE = "bench-henan-province"
USERNAME = "bench-city-staff"
PAGE_YEAR = 2024
PAGE_INDICATORS = ("hightech_enterprises", "enterprise_rd_intensity")
PAGE_REPEATS = 5
TARGET_SECONDS = 10.0
TARGET_PAGE_MS = 300.0
QUICK_ENTERPRISES = 1_000
QUICK_PLATFORMS = 50

# Indicator code → (floor branch, column[, denominator column]); must follow the plan's YAML.
FLOOR_OF = {
    "hightech_enterprises": ("q", 0),
    "tech_smes": ("q", 1),
    "platforms_total": ("p", 0),
    "platforms_provincial": ("p", 1),
    "platforms_national": ("p", 2),
    "tech_contract_value": ("c", 0),
    "tech_transaction_value": ("c", 1),
    "enterprise_rd_intensity": ("a", 0, 1),
}


# --- steps run in a child process (Django set up) --------------------------------------------------


def prepare_database(enterprises: int | None, platforms: int | None, work: str) -> dict:
    """migrate, `kechuang synth --scale province`, the built-in plan, its province copy (default)
    and a city-staff user."""
    import yaml
    from django.core.management import call_command

    from kechuang.accounts.services import create_user
    from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
    from kechuang.plans.loader import BUILTIN_PLAN, load_plan
    from kechuang.plans.values import plan_regions
    from kechuang.platforms.models import Platform

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - start
    out, err = io.StringIO(), io.StringIO()
    options = {"scale": "province", "stdout": out, "stderr": err}
    if enterprises:
        options["enterprises"] = enterprises
    if platforms is not None:
        options["platforms"] = platforms
    call_command("synth", **options)
    synthesized = time.perf_counter() - start - migrated

    load_plan(BUILTIN_PLAN)
    data = yaml.safe_load(BUILTIN_PLAN.read_text(encoding="utf-8"))
    data.update(code=PLAN_CODE, region=PROVINCE, name="河南省（基准测试用，复制自平顶山市规划）")
    copy = Path(work) / f"{PLAN_CODE}.yaml"
    copy.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    plan = load_plan(copy, default=True)
    create_user(USERNAME, role="city-staff", regions=[PROVINCE], display_name="基准测试用户")
    return {
        "migrate_seconds": migrated,
        "synth_seconds": synthesized,
        "synth_summary": out.getvalue().strip(),
        "enterprises": Enterprise.objects.count(),
        "qualifications": Qualification.objects.count(),
        "annual_rows": AnnualData.objects.count(),
        "platforms": Platform.objects.count(),
        "regions": len(plan_regions(plan)),
        "indicators": sum(1 for i in plan.indicators.all() if i.compute),
        "input_indicators": sum(1 for i in plan.indicators.all() if i.compute and i.is_input),
    }


def _plan():
    from kechuang.plans.models import Plan

    return Plan.objects.select_related("region").get(code=PLAN_CODE)


class QueryTimer:
    """An execute wrapper: the number of SQL statements and the time spent executing them."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def recompute_run() -> dict:
    """`recompute(plan, 2016..2025)` for the province plan, timed, with its SQL statements counted."""
    from django.db import connection

    from kechuang.plans.values import recompute

    plan = _plan()
    connection.ensure_connection()
    timer = QueryTimer()
    base = rss_mb()
    exact = reset_peak()
    marks: list[tuple[str, float]] = []

    def progress(done, total, message):  # called after each indicator
        marks.append((message.removeprefix("计算指标："), time.perf_counter()))

    with connection.execute_wrapper(timer):
        start = time.perf_counter()
        stored = recompute(plan, YEARS, progress)
        seconds = time.perf_counter() - start
    times = [t for _name, t in marks]
    per_indicator = {
        name: round(t - before, 3)
        for (name, t), before in zip(marks, [start, *times], strict=False)
    }
    return {
        "seconds": seconds,
        "values": stored,
        "queries": timer.count,
        "sql_seconds": timer.seconds,
        "per_indicator": per_indicator,
        "peak_mb": peak_mb(),
        "base_mb": base,
        "peak_exact": exact,
    }


def floor_sql(vendor: str, within: str, lengths: list[int]) -> str:
    """The floor's one statement (see the module docstring)."""
    from kechuang.achievements.models import Contract
    from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
    from kechuang.orgs.models import Org
    from kechuang.platforms.models import Platform
    from kechuang.regions.models import Region

    def table(model):
        return model._meta.db_table

    def col(model, name):
        return model._meta.get_field(name).column

    if vendor == "postgresql":
        day = "DATE '{}'".format
    else:  # SQLite keeps dates as ISO text
        day = "'{}'".format
    years = ", ".join(f"({y}, {day(f'{y}-01-01')}, {day(f'{y}-12-31')})" for y in YEARS)
    lens = ", ".join(f"({n})" for n in lengths)
    q, e, o, r, p, c, a = Qualification, Enterprise, Org, Region, Platform, Contract, AnnualData

    def to_org(model):  # row → enterprise → org (whose region the row belongs to)
        return (
            f"JOIN {table(e)} e ON e.{col(e, 'id')} = x.{col(model, 'enterprise')} "
            f"JOIN {table(o)} o ON o.{col(o, 'id')} = e.{col(e, 'org')}"
        )

    kind, issued, until, revoked = (
        f"x.{col(q, f)}" for f in ("kind", "issued_on", "valid_until", "revoked_on")
    )
    level = f"x.{col(p, 'level')}"
    org_region = f"o.{col(o, 'region')}"
    path = f"r.{col(r, 'path')}"
    prefix = f"SUBSTR({path}, 1, lens.n)"
    # Stage 1 aggregates per (year, region id); stage 2 rolls the regions up to every path prefix
    # (distinct counts add up: each row belongs to exactly one region).
    return f"""
WITH years (y, first_day, last_day) AS (VALUES {years}),
lens (n) AS (VALUES {lens}),
per_region (src, y, rid, v0, v1, v2) AS (
SELECT 'q', years.y, {org_region},
       COUNT(DISTINCT CASE WHEN {kind} = 'high_tech' THEN x.{col(q, "enterprise")} END),
       COUNT(DISTINCT CASE WHEN {kind} = 'tech_sme' THEN x.{col(q, "enterprise")} END),
       0
  FROM {table(q)} x
  JOIN years ON ({revoked} IS NULL OR {revoked} > years.last_day)
            AND (({kind} = 'high_tech' AND {issued} <= years.last_day
                  AND {until} >= years.last_day)
              OR ({kind} = 'tech_sme' AND x.{col(q, "year")} = years.y))
  {to_org(q)}
 GROUP BY years.y, {org_region}
UNION ALL
SELECT 'p', years.y, x.{col(p, "region")}, COUNT(*),
       SUM(CASE WHEN {level} = 'provincial' THEN 1 ELSE 0 END),
       SUM(CASE WHEN {level} = 'national' THEN 1 ELSE 0 END)
  FROM {table(p)} x
  JOIN years ON x.{col(p, "approved_on")} <= years.last_day
            AND (x.{col(p, "revoked_on")} IS NULL OR x.{col(p, "revoked_on")} > years.last_day)
 WHERE x.{col(p, "region")} IS NOT NULL
 GROUP BY years.y, x.{col(p, "region")}
UNION ALL
SELECT 'c', years.y, x.{col(c, "seller_region")}, SUM(x.{col(c, "contract_value_wan")}),
       SUM(x.{col(c, "transaction_value_wan")}), 0
  FROM {table(c)} x
  JOIN years ON x.{col(c, "signed_on")} BETWEEN years.first_day AND years.last_day
 WHERE x.{col(c, "seller_region")} IS NOT NULL
 GROUP BY years.y, x.{col(c, "seller_region")}
UNION ALL
SELECT 'a', x.{col(a, "year")}, {org_region}, SUM(x.{col(a, "rd_expense_wan")}),
       SUM(x.{col(a, "sales_revenue_wan")}), 0
  FROM {table(a)} x
  {to_org(a)}
 WHERE x.{col(a, "year")} BETWEEN {YEARS[0]} AND {YEARS[-1]}
 GROUP BY x.{col(a, "year")}, {org_region}
)
SELECT src, y, {prefix} AS prefix, SUM(v0), SUM(v1), SUM(v2)
  FROM per_region
  JOIN {table(r)} r ON r.{col(r, "id")} = per_region.rid
  CROSS JOIN lens
 WHERE {path} LIKE '{within}%'
 GROUP BY src, y, {prefix}
"""


def floor_run() -> dict:
    """The floor statement, timed; then every stored value of the covered indicators is checked
    against it."""
    from django.db import connection

    from kechuang.plans.models import IndicatorValue
    from kechuang.plans.values import plan_regions

    plan = _plan()
    regions = plan_regions(plan)
    lengths = sorted({len(r.path) for r in regions})
    sql = floor_sql(connection.vendor, plan.region.path, lengths)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        start = time.perf_counter()
        cursor.execute(sql)
        rows = cursor.fetchall()
        seconds = time.perf_counter() - start
    found = {(src, int(y), path): values for src, y, path, *values in rows}

    checked, mismatches = 0, []
    stored = IndicatorValue.objects.filter(
        indicator__plan=plan, indicator__code__in=list(FLOOR_OF), year__in=YEARS
    ).values_list("indicator__code", "region__path", "year", "value", "numerator", "denominator")
    for code, path, year, value, numerator, denominator in stored:
        src, *columns = FLOOR_OF[code]
        floor = found.get((src, year, path))
        expected = [Decimal(str(floor[i] or 0)) if floor else Decimal(0) for i in columns]
        actual = [value] if len(columns) == 1 else [numerator, denominator]
        checked += 1
        if any(not _same(x, y) for x, y in zip(actual, expected, strict=True)):
            mismatches.append(f"{code} {path} {year}: stored {actual}, floor {expected}")
    return {
        "seconds": seconds,
        "rows": len(rows),
        "checked": checked,
        "mismatches": len(mismatches),
        "examples": mismatches[:5],
    }


def _same(actual, expected: Decimal) -> bool:
    if actual is None:
        return expected == 0
    return abs(Decimal(actual) - expected) <= Decimal("0.01") + abs(expected) * Decimal("1e-9")


def pages_run(repeats: int) -> dict:
    """The two dashboard pages, as a city-staff user, through Django's test Client."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kechuang.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    urls = {"monitor": f"/plans/monitor/?year={PAGE_YEAR}"}
    urls |= {code: f"/plans/monitor/{code}/?year={PAGE_YEAR}" for code in PAGE_INDICATORS}
    out = {}
    for name, url in urls.items():
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url}: HTTP {response.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        out[name] = {
            "url": url,
            "median_ms": statistics.median(times),
            "first_ms": times[0],
            "queries": len(queries),
            "kb": len(response.content) / 1024,
        }
    return out


def _top(profiler, n: int = 20) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(n)
    return out.getvalue()


def profile_run() -> str:
    """One recompute under cProfile: the 20 functions with the most own time."""
    from kechuang.plans.values import recompute

    plan = _plan()
    profiler = cProfile.Profile()
    profiler.enable()
    recompute(plan, YEARS)
    profiler.disable()
    return _top(profiler)


def profile_page_run() -> str:
    """One request of the first indicator page (after a warm-up request) under cProfile."""
    from django.test import Client

    from kechuang.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    url = f"/plans/monitor/{PAGE_INDICATORS[0]}/?year={PAGE_YEAR}"
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    return _top(profiler, 15)


# --- the parent: no Django here; each step runs in a fresh process ---------------------------------


def environment(var_dir: Path, database_url: str) -> dict:
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    return {
        "DJANGO_SETTINGS_MODULE": "kechuang.config.settings",
        # Production-like: DEBUG off (no query log); plain static storage (no collectstatic;
        # STATIC_ROOT is created so that WhiteNoise does not warn).
        "KECHUANG_DEBUG": "0",
        "KECHUANG_SECRET_KEY": "bench-only-not-a-secret",
        "KECHUANG_MANIFEST_STATIC": "0",
        "KECHUANG_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_ENTERPRISES:,} enterprises, SQLite only"
    )
    parser.add_argument("--enterprises", type=int, help="override the province scale's 60,000")
    parser.add_argument("--db", help="comma-separated: sqlite,postgresql (default both)")
    parser.add_argument("--profile", action="store_true", help="cProfile one recompute")
    args = parser.parse_args(argv)
    enterprises = args.enterprises or (QUICK_ENTERPRISES if args.quick else None)
    platforms = QUICK_PLATFORMS if args.quick else None
    repeats = PAGE_REPEATS
    dbs = (args.db or ("sqlite" if args.quick else "sqlite,postgresql")).split(",")
    unknown = set(dbs) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown database {', '.join(sorted(unknown))}")

    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kechuang-bench-monitoring-"))
    runs: list[dict] = []
    notes: list[str] = []
    cluster = None
    try:
        targets = {}
        for db in dbs:
            if db == "postgresql":
                try:
                    cluster = start_postgres()
                except Exception as exc:
                    notes.append(f"PostgreSQL 未能启动，跳过：{exc}")
                    print(notes[-1])
                    continue
                targets[db] = (
                    f"PostgreSQL {cluster.version}",
                    environment(work / "pg", cluster.url),
                )
            else:
                url = f"sqlite:///{work / 'sqlite' / 'bench.sqlite3'}"
                targets[db] = ("SQLite", environment(work / "sqlite", url))
        # Filling the databases is not measured: both at once (two cores).
        jobs = {
            db: start_child(env, "prepare_database", enterprises, platforms, str(work))
            for db, (_label, env) in targets.items()
        }
        prepared = {db: finish(job) for db, job in jobs.items()}
        for db, info in prepared.items():
            print(
                f"{targets[db][0]}：迁移 {info['migrate_seconds']:.1f} s，合成数据 "
                f"{info['synth_seconds']:.1f} s（与另一数据库并行）— 企业 {info['enterprises']:,} 家，"
                f"资质 {info['qualifications']:,} 条，年度数据 {info['annual_rows']:,} 行，"
                f"平台 {info['platforms']:,} 个；规划 {PLAN_CODE}：{info['indicators']} 个计算指标"
                f"（其中统计填报 {info['input_indicators']} 个）× "
                f"{info['regions']} 个区划 × {len(YEARS)} 年"
            )
        for db, (label, env) in targets.items():
            ours = in_child(env, "recompute_run")
            floor = in_child(env, "floor_run")
            pages = in_child(env, "pages_run", repeats)
            ratio = ours["seconds"] / floor["seconds"]
            run = {
                "db": db,
                "seconds": round(ours["seconds"], 3),
                "floor_seconds": round(floor["seconds"], 3),
                "ratio": round(ratio, 2),
                "values": ours["values"],
                "queries": ours["queries"],
                "sql_seconds": round(ours["sql_seconds"], 3),
                "per_indicator_seconds": ours["per_indicator"],
                "peak_mb": round(ours["peak_mb"]),
                "base_mb": round(ours["base_mb"]),
                "floor_rows": floor["rows"],
                "floor_checked": floor["checked"],
                "floor_mismatches": floor["mismatches"],
                "pages_ms": {k: round(v["median_ms"], 1) for k, v in pages.items()},
                "pages_first_ms": {k: round(v["first_ms"], 1) for k, v in pages.items()},
                "pages_queries": {k: v["queries"] for k, v in pages.items()},
            }
            runs.append(run)
            print(
                f"  {label}：重新计算 {ours['seconds']:.2f} s（存 {ours['values']:,} 个值，"
                f"{ours['queries']:,} 条 SQL 共 {ours['sql_seconds']:.2f} s），"
                f"下限（一条 SQL）{floor['seconds']:.3f} s，{ratio:.1f}×；"
                f"内存峰值 {ours['peak_mb']:.0f} MB（起点 {ours['base_mb']:.0f} MB）"
            )
            slowest = sorted(ours["per_indicator"].items(), key=lambda kv: -kv[1])[:5]
            print("    最慢的指标：" + "，".join(f"{name} {secs:.2f} s" for name, secs in slowest))
            if floor["mismatches"]:
                notes.append(
                    f"{label}：{floor['mismatches']} 个存储值与下限 SQL 不一致，例如："
                    + "；".join(floor["examples"])
                )
                print("  " + notes[-1])
            else:
                print(f"    下限 SQL 与存储值逐一核对一致（{floor['checked']:,} 个值）")
            for page in pages.values():
                print(
                    f"    页面 {page['url']}：中位数 {page['median_ms']:.0f} ms"
                    f"（{repeats} 次；首次 {page['first_ms']:.0f} ms），"
                    f"{page['queries']} 条 SQL，{page['kb']:.0f} KB"
                )
            if not ours["peak_exact"]:
                notes.append("无法重置 VmHWM：内存峰值为进程全程峰值")
            if args.profile and db == next(iter(targets)):
                print(f"cProfile（{label} 重新计算一次，按自身耗时前 20）：")
                print(in_child(env, "profile_run"))
                print(
                    f"cProfile（{label} 指标页 {PAGE_INDICATORS[0]} 一次请求，按自身耗时前 15）："
                )
                print(in_child(env, "profile_page_run"))
        if cluster is not None:
            cluster.stop()
            cluster = None
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)

    elapsed = time.perf_counter() - began
    for note in dict.fromkeys(notes):
        print(note)
    if not runs:
        raise SystemExit("no run completed")
    worst = max(runs, key=lambda r: r["seconds"])
    ratio = max(r["ratio"] for r in runs)
    peak = max(r["peak_mb"] for r in runs)
    pages_ms = {k: max(r["pages_ms"][k] for r in runs) for k in runs[0]["pages_ms"]}
    slowest_page = max(pages_ms.values())
    size = prepared[worst["db"]]["enterprises"]
    print(
        f"最慢一次重新计算 {worst['seconds']:.2f} s（{worst['db']}，{size:,} 家企业；目标 ≤ "
        f"{TARGET_SECONDS:.0f} s：{'达到' if worst['seconds'] <= TARGET_SECONDS else '未达到'}）；"
        f"最差倍数 {ratio:.1f}×；最慢页面 {slowest_page:.0f} ms（目标 ≤ {TARGET_PAGE_MS:.0f} ms："
        f"{'达到' if slowest_page <= TARGET_PAGE_MS else '未达到'}）；全程 {elapsed:.0f} s"
    )
    print(
        json.dumps(
            {
                "bench": "monitoring",
                "size": size,
                "seconds": worst["seconds"],
                "floor_seconds": worst["floor_seconds"],
                "ratio": ratio,
                "peak_mb": peak,
                "pages_ms": pages_ms,
                "target_seconds": TARGET_SECONDS,
                "target_page_ms": TARGET_PAGE_MS,
                "years": [YEARS[0], YEARS[-1]],
                "page_repeats": repeats,
                "total_seconds": round(elapsed, 1),
                "runs": runs,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
