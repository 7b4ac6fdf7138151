"""Benchmark: importing enterprise annual data (企业年度数据) from xlsx and csv (CONTRACTS.md §3).

A generated file of 100,000 rows (10,000 enterprises × 10 years, in the import template's layout)
is imported with the real engine — `run_import`, not a dry run: every row new, checked and written
with its history and batch records — on SQLite and on PostgreSQL. The floor, measured in the same
run on the same database, is what any importer must at least do: read the file (python-calamine
for xlsx, the csv module for csv), map each 统一社会信用代码 to its enterprise id, and bulk insert
the same rows into the annual-data table (SQLite `executemany`, PostgreSQL `COPY`), with no
validation and no history. Target (printed, not asserted): end-to-end within 3× of the floor and
peak memory under 1 GB. Each import's batch is then rolled back (every row deleted with its
history), timed apart and printed beside it.

Every measured run happens in its own freshly spawned process (Django set up, the file's bytes in
memory, the tables emptied) so that runs do not share caches or memory. Peak memory is that
process's peak resident set size during the timed part (Linux VmHWM, reset just before timing;
it includes the ≈100 MB of the interpreter, Django and the file's bytes, which are reported as
`base_mb`). PostgreSQL is a throw-away cluster started from Debian's binaries with the test suite's
helper (fsync off, as in the tests).

    .venv/bin/python bench/imports.py [--quick] [--size ROWS] [--db sqlite,postgresql] [--repeat N]
        [--profile]

`--repeat N` (default 2): the floor and the import each run N times, alternating, and the best run
of each is compared. `--quick`: 10,000 rows on SQLite only (under a minute). `--profile`: also run
the xlsx import once on the first database under cProfile and print the 20 functions with the most
own time.

The last line is one JSON object: `seconds` is the slowest run end to end, `floor_seconds` that
run's floor, `ratio` the worst ratio of all runs (the 3× target applies to each run), `peak_mb`
the highest peak of the import runs; `runs` holds every run.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import io
import json
import pstats
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, in_child, peak_mb, reset_peak, rss_mb, start_child, start_postgres  # noqa: E402

KIND = "enterprise-annual"
YEARS = tuple(range(2015, 2025))
TARGET_RATIO = 3.0
TARGET_PEAK_MB = 1024
# County-level units of Pingdingshan the synthetic enterprises are spread over.
COUNTIES = (
    ("410402", "新华区", "district"),
    ("410403", "卫东区", "district"),
    ("410404", "石龙区", "district"),
    ("410411", "湛河区", "district"),
    ("410421", "宝丰县", "county"),
    ("410422", "叶县", "county"),
    ("410423", "鲁山县", "county"),
    ("410425", "郏县", "county"),
    ("410481", "舞钢市", "county_city"),
    ("410482", "汝州市", "county_city"),
)


# --- synthetic data -------------------------------------------------------------------------------


def uscc_of(i: int) -> str:
    from kechuang.core.identifiers import make_uscc

    return make_uscc("91", COUNTIES[i % len(COUNTIES)][0], f"{i + 10_000_000:08d}")


def annual_rows(enterprises: int, seed: int = 2026):
    """One row per enterprise and year, in the kind's column order, as a person would fill it in:
    consistent figures (科技人员 ≤ 职工, 境内研发 ≤ 研发, 高新收入 ≤ 总收入), money in 万元 with two
    decimals, 规模以上 as 是/否."""
    rng = random.Random(seed)
    for i in range(enterprises):
        uscc = uscc_of(i)
        name = f"平顶山基准测试企业{i:05d}有限公司"
        size = rng.uniform(0.2, 5)
        for year in YEARS:
            employees = max(5, int(rng.gauss(120, 60) * size))
            sales = round(rng.uniform(100, 8000) * size, 2)
            total_income = round(sales * rng.uniform(1.0, 1.2), 2)
            rd = round(sales * rng.uniform(0.005, 0.08), 2)
            yield [
                uscc,
                name,
                year,
                employees,
                int(employees * rng.uniform(0.05, 0.4)),
                sales,
                total_income,
                round(sales * rng.uniform(0.6, 2.0), 2),
                round(sales * rng.uniform(0.2, 0.9), 2),
                round(sales * rng.uniform(0.7, 0.98), 2),
                rd,
                round(rd * rng.uniform(0.6, 1.0), 2),
                round(total_income * rng.uniform(0, 0.9), 2),
                rng.randint(0, 3),
                rng.randint(0, 12),
                round(sales * rng.uniform(0, 0.5), 2),
                round(sales * rng.uniform(0, 0.2), 2) if rng.random() < 0.3 else 0,
                "是" if sales > 2000 else "否",
            ]


# --- work done in the spawned processes (Django set up) ---------------------------------------------


def write_files(enterprises: int, directory: str) -> dict:
    """The xlsx (xlsxwriter, constant_memory) and the csv (UTF-8 with BOM, as the exports) with the
    same rows, in the template's layout: the kind's headers on the first row."""
    import xlsxwriter

    from kechuang.imports.kinds import get_kind

    kind = get_kind(KIND)
    headers = [c.header for c in kind.columns]
    assert len(headers) == 18, headers  # annual_rows() follows the kind's column order
    xlsx_path = Path(directory) / "annual.xlsx"
    csv_path = Path(directory) / "annual.csv"
    book = xlsxwriter.Workbook(str(xlsx_path), {"constant_memory": True})
    sheet = book.add_worksheet(kind.title[:31])
    sheet.write_row(0, 0, headers, book.add_format({"bold": True}))
    rows = 0
    with open(csv_path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for rows, row in enumerate(annual_rows(enterprises), start=1):
            sheet.write_row(rows, 0, row)
            writer.writerow(row)
    book.close()
    return {
        "rows": rows,
        "xlsx": str(xlsx_path),
        "csv": str(csv_path),
        "xlsx_mb": xlsx_path.stat().st_size / 2**20,
        "csv_mb": csv_path.stat().st_size / 2**20,
    }


def prepare_database(enterprises: int) -> dict:
    """Migrate the fresh database and create the regions, organisations and enterprises the rows
    refer to (bulk_create: this is set-up, not measured)."""
    from django.core.management import call_command
    from django.db import transaction

    from kechuang.enterprises.models import Enterprise
    from kechuang.orgs.models import Org
    from kechuang.regions.models import Region

    start = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter() - start
    with transaction.atomic():
        province = Region.objects.create(
            code="410000", name="河南省", level=1, kind="province", path="/410000/"
        )
        city = Region.objects.create(
            code="410400", name="平顶山市", level=2, kind="city", parent=province
        )
        counties = Region.objects.bulk_create(
            Region(
                code=code,
                name=name,
                level=3,
                kind=kind,
                parent=city,
                path=f"{city.path}{code}/",
            )
            for code, name, kind in COUNTIES
        )
        orgs = Org.objects.bulk_create(
            (
                Org(
                    name=f"平顶山基准测试企业{i:05d}有限公司",
                    uscc=uscc_of(i),
                    kind="enterprise",
                    region=counties[i % len(counties)],
                )
                for i in range(enterprises)
            ),
            batch_size=1000,
        )
        Enterprise.objects.bulk_create((Enterprise(org=org) for org in orgs), batch_size=1000)
    return {"migrate_seconds": migrated, "seeded_seconds": time.perf_counter() - start - migrated}


def _tables():
    from kechuang.enterprises.models import AnnualData
    from kechuang.imports.models import Batch, BatchRow

    return [
        BatchRow._meta.db_table,
        Batch._meta.db_table,
        AnnualData.history.model._meta.db_table,
        AnnualData._meta.db_table,
    ]


def empty_tables() -> None:
    """Annual data, its history and the import batches: each run writes every row anew."""
    from django.db import connection, transaction

    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables))
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


def annual_count() -> int:
    from kechuang.enterprises.models import AnnualData

    return AnnualData.objects.count()


def _load(path: str) -> bytes:
    data = Path(path).read_bytes()
    empty_tables()
    return data


def import_run(path: str, expected: int) -> dict:
    """The engine end to end, as the CLI runs it (no user: no scope), timed from the file's bytes."""
    from kechuang.imports.engine import run_import
    from kechuang.imports.kinds import get_kind

    kind = get_kind(KIND)
    data = _load(path)
    phases: dict[str, float] = {}

    def progress(done, total, message):
        phases.setdefault(message, time.perf_counter())

    base = rss_mb()
    exact = reset_peak()
    start = time.perf_counter()
    result = run_import(kind, data, Path(path).name, progress=progress)
    seconds = time.perf_counter() - start
    peak = peak_mb()
    if result.errors or not result.written or result.new != expected:
        raise RuntimeError(
            f"import did not write every row: new={result.new} written={result.written} "
            f"errors={len(result.errors)} {result.errors[:3]}"
        )
    count = annual_count()
    if count != expected:
        raise RuntimeError(f"{count} rows in the table after the import, expected {expected}")
    # Then the batch is rolled back (not part of the import's time, reported beside it).
    from kechuang.imports.engine import rollback
    from kechuang.imports.models import Batch

    began = time.perf_counter()
    rolled_back = rollback(Batch.objects.get(pk=result.batch_id), None)
    rollback_seconds = time.perf_counter() - began
    if rolled_back != expected or annual_count() != 0:
        raise RuntimeError(f"the rollback left {annual_count()} rows ({rolled_back} rolled back)")
    marks = [*sorted(phases.items(), key=lambda item: item[1]), ("end", start + seconds)]
    return {
        "seconds": seconds,
        "peak_mb": peak,
        "base_mb": base,
        "peak_exact": exact,
        "phases": {m: round(marks[i + 1][1] - t, 3) for i, (m, t) in enumerate(marks[:-1])},
        "rollback_seconds": rollback_seconds,
    }


def floor_run(path: str, fmt: str, expected: int) -> dict:
    """Read the file with python-calamine (csv: the csv module), map USCCs to enterprise ids, bulk
    insert the same rows raw (SQLite executemany, PostgreSQL COPY) in one transaction."""
    from django.db import connection, transaction

    from kechuang.enterprises.models import AnnualData, Enterprise
    from kechuang.imports.kinds import get_kind

    kind = get_kind(KIND)
    written = [c.key for c in kind.columns if c.writes]
    ints = {"year", "employees", "st_staff", "class1_ip", "class2_ip"}
    opts = AnnualData._meta
    columns = [opts.get_field(k).column for k in written] + ["created", "updated", "version"]
    table = opts.db_table
    positions = [i for i, c in enumerate(kind.columns) if c.writes]
    data = _load(path)
    connection.ensure_connection()
    raw = connection.connection
    is_pg = connection.vendor == "postgresql"
    now = datetime.now(UTC)
    stamp = now if is_pg else now.strftime("%Y-%m-%d %H:%M:%S.%f")
    mapped = [k in ints for k in written]

    base = rss_mb()
    exact = reset_peak()
    start = time.perf_counter()
    if fmt == "xlsx":
        import python_calamine

        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    else:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    read = time.perf_counter() - start
    ids = dict(Enterprise.objects.values_list("org__uscc", "id").iterator())

    def records():
        for row in rows[1:]:
            record = [row[i] for i in positions]
            record[0] = ids[record[0]]
            for j, is_int in enumerate(mapped):
                if is_int:
                    record[j] = int(float(record[j]))
            record[-1] = record[-1] == "是"
            yield (*record, stamp, stamp, 1)

    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with transaction.atomic():
        if is_pg:
            with (
                raw.cursor() as cursor,
                cursor.copy(
                    f"COPY {connection.ops.quote_name(table)} ({names}) FROM STDIN"
                ) as copy,
            ):
                for record in records():
                    copy.write_row(record)
        else:
            marks = ", ".join("?" * len(columns))
            raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', records())
    seconds = time.perf_counter() - start
    peak = peak_mb()
    count = annual_count()
    if count != expected:
        raise RuntimeError(f"{count} rows in the table after the floor, expected {expected}")
    empty_tables()
    return {
        "seconds": seconds,
        "read_seconds": read,
        "peak_mb": peak,
        "base_mb": base,
        "peak_exact": exact,
    }


def profile_run(path: str, expected: int) -> str:
    """The import once under cProfile: the 20 functions with the most own time."""
    from kechuang.imports.engine import run_import
    from kechuang.imports.kinds import get_kind

    kind = get_kind(KIND)
    data = _load(path)
    profiler = cProfile.Profile()
    profiler.enable()
    result = run_import(kind, data, Path(path).name)
    profiler.disable()
    if result.new != expected:
        raise RuntimeError(f"profiled import wrote {result.new} rows, expected {expected}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(20)
    empty_tables()
    return out.getvalue()


# --- the parent: no Django here; each step runs in a fresh process ---------------------------------


def environment(var_dir: Path, database_url: str) -> dict:
    var_dir.mkdir(parents=True, exist_ok=True)
    return {
        "DJANGO_SETTINGS_MODULE": "kechuang.config.settings",
        "KECHUANG_DEBUG": "1",
        "KECHUANG_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 rows, SQLite only")
    parser.add_argument("--size", type=int, help="rows (a multiple of 10; default 100,000)")
    parser.add_argument("--db", help="comma-separated: sqlite,postgresql (default both)")
    parser.add_argument("--profile", action="store_true", help="cProfile the xlsx import once")
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs of the floor and of the import (best kept)"
    )
    args = parser.parse_args(argv)
    size = args.size or (10_000 if args.quick else 100_000)
    enterprises = max(1, size // len(YEARS))
    size = enterprises * len(YEARS)
    dbs = (args.db or ("sqlite" if args.quick else "sqlite,postgresql")).split(",")
    unknown = set(dbs) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown database {', '.join(sorted(unknown))}")

    began = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="kechuang-bench-imports-"))
    runs: list[dict] = []
    notes: list[str] = []
    cluster = None
    try:
        env = environment(work / "sqlite", f"sqlite:///{work / 'sqlite' / 'bench.sqlite3'}")
        # Writing the files overlaps the first database's migration (two cores).
        writing = start_child(env, "write_files", enterprises, str(work))
        files = None
        for db in dbs:
            if db == "postgresql":
                try:
                    cluster = start_postgres()
                except Exception as exc:
                    notes.append(f"PostgreSQL 未能启动，跳过：{exc}")
                    print(notes[-1])
                    continue
                env = environment(work / "pg", cluster.url)
                label = f"PostgreSQL {cluster.version}"
            else:
                label = "SQLite"
            prepared = in_child(env, "prepare_database", enterprises)
            print(
                f"{label}：迁移 {prepared['migrate_seconds']:.1f} s，"
                f"建 {enterprises:,} 家企业 {prepared['seeded_seconds']:.1f} s"
            )
            if files is None:
                files = finish(writing)
                print(
                    f"生成 {files['rows']:,} 行企业年度数据（{enterprises:,} 家企业 × {len(YEARS)} 年，"
                    f"模板格式）：xlsx {files['xlsx_mb']:.1f} MB，csv {files['csv_mb']:.1f} MB"
                )
            for fmt in ("xlsx", "csv"):
                path = files[fmt]
                # The floor and the import alternate; each keeps its best run (this VM's noise
                # moved a single floor run between 1.8 and 2.6 s), peak memory the highest.
                floors, imports = [], []
                for _ in range(max(1, args.repeat)):
                    floors.append(in_child(env, "floor_run", path, fmt, size))
                    imports.append(in_child(env, "import_run", path, size))
                floor = min(floors, key=lambda r: r["seconds"])
                ours = dict(min(imports, key=lambda r: r["seconds"]))
                ours["peak_mb"] = max(r["peak_mb"] for r in imports)
                ratio = ours["seconds"] / floor["seconds"]
                run = {
                    "db": db,
                    "format": fmt,
                    "seconds": round(ours["seconds"], 3),
                    "floor_seconds": round(floor["seconds"], 3),
                    "ratio": round(ratio, 2),
                    "rows_per_second": round(size / ours["seconds"]),
                    "floor_rows_per_second": round(size / floor["seconds"]),
                    "peak_mb": round(ours["peak_mb"]),
                    "base_mb": round(ours["base_mb"]),
                    "floor_read_seconds": round(floor["read_seconds"], 3),
                    "floor_peak_mb": round(floor["peak_mb"]),
                    "phases": ours["phases"],
                    "rollback_seconds": round(ours["rollback_seconds"], 3),
                }
                runs.append(run)
                print(
                    f"  {label} {fmt}：导入 {ours['seconds']:.2f} s（{run['rows_per_second']:,} 行/秒），"
                    f"下限 {floor['seconds']:.2f} s（其中读取 {floor['read_seconds']:.2f} s），"
                    f"{ratio:.2f}×；内存峰值 {ours['peak_mb']:.0f} MB"
                    f"（起点 {ours['base_mb']:.0f} MB；下限 {floor['peak_mb']:.0f} MB）"
                )
                print(
                    "    各阶段："
                    + "，".join(f"{name} {secs:.2f} s" for name, secs in ours["phases"].items())
                    + f"；回滚该批次 {ours['rollback_seconds']:.2f} s"
                )
                if not ours["peak_exact"]:
                    notes.append("无法重置 VmHWM：内存峰值为进程全程峰值")
            if args.profile and db == dbs[0]:
                print(f"cProfile（{label} xlsx 导入，按自身耗时前 20）：")
                print(in_child(env, "profile_run", files["xlsx"], size))
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
    print(
        f"最慢一次 {worst['seconds']:.2f} s（{worst['db']} {worst['format']}）；最差倍数 {ratio:.2f}×"
        f"（目标 ≤ {TARGET_RATIO:.0f}×：{'达到' if ratio <= TARGET_RATIO else '未达到'}）；"
        f"内存峰值 {peak} MB（目标 < {TARGET_PEAK_MB} MB：{'达到' if peak < TARGET_PEAK_MB else '未达到'}）；"
        f"全程 {elapsed:.0f} s"
    )
    print(
        json.dumps(
            {
                "bench": "imports",
                "size": size,
                "seconds": worst["seconds"],
                "floor_seconds": worst["floor_seconds"],
                "ratio": ratio,
                "peak_mb": peak,
                "target_ratio": TARGET_RATIO,
                "target_peak_mb": TARGET_PEAK_MB,
                "total_seconds": round(elapsed, 1),
                "runs": runs,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
