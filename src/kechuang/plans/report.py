"""The annual monitoring report (年度监测报告): docx with tables and charts, or xlsx with the tables.

Numbers come from the stored indicator values (`kechuang monitor compute`) and the progress rules of
`plans.progress`, exactly as the dashboards show them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone

from kechuang.regions.choices import RegionLevel

from . import progress
from .models import IndicatorValue, Plan
from .values import assess, latest_baseline, plan_regions, rank_rows

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
)


@dataclass
class Row:
    indicator: object
    baseline: object
    actual: object
    state: dict | None
    by_year: dict
    counties: list[dict]


def collect(plan: Plan, year: int) -> dict:
    """Everything the report says, computed once."""
    regions = plan_regions(plan)
    city, counties = regions[0], [r for r in regions[1:] if r.level == RegionLevel.COUNTY]
    years = list(range(max(plan.start_year - 5, 2016), year + 1))
    stored = IndicatorValue.objects.filter(indicator__plan=plan, year__in=years, region__in=regions)
    values = {(v.indicator_id, v.region_id, v.year): v for v in stored}
    rows = []
    for ind in plan.indicators.prefetch_related("baselines"):
        by_year = {
            y: values[(ind.pk, city.pk, y)].value
            for y in years
            if (ind.pk, city.pk, y) in values and values[(ind.pk, city.pk, y)].value is not None
        }
        ranked = rank_rows(
            [
                {
                    "region": county,
                    "value": getattr(values.get((ind.pk, county.pk, year)), "value", None),
                }
                for county in counties
            ],
            ind,
        )
        base = latest_baseline(ind, year)
        rows.append(
            Row(
                indicator=ind,
                baseline=base,
                actual=by_year.get(year),
                state=assess(ind, by_year, year),
                by_year=by_year,
                counties=ranked,
            )
        )
    counts = {
        lvl: sum(1 for r in rows if r.state and r.state["level"] == lvl)
        for lvl in progress.LEVEL_LABELS
    }
    missing = [r for r in rows if r.actual is None and not r.indicator.computed]
    empty = [r for r in rows if r.actual is None and r.indicator.computed]
    return {
        "plan": plan,
        "year": year,
        "city": city,
        "counties": counties,
        "rows": rows,
        "counts": counts,
        "missing": missing,
        "empty": empty,
        "years": years,
    }


def summary_sentence(data: dict) -> str:
    rows = data["rows"]
    judged = sum(data["counts"].values())
    parts = "、".join(f"{progress.LEVEL_LABELS[k]} {n} 项" for k, n in data["counts"].items())
    text = f"{data['year']} 年监测指标共 {len(rows)} 项，其中有目标值且已有数据的 {judged} 项：{parts}。"
    if data["missing"]:
        names = "、".join(r.indicator.name for r in data["missing"])
        text += f"尚无数据（待统计部门填报）{len(data['missing'])} 项：{names}。"
    if data["empty"]:
        names = "、".join(r.indicator.name for r in data["empty"])
        text += f"登记数据不足、无法计算 {len(data['empty'])} 项：{names}。"
    return text


def _shown(ind, value) -> str:
    return "—" if value is None else f"{ind.display(value)}"


def _table_rows(data: dict) -> list[list[str]]:
    out = []
    for r in data["rows"]:
        ind = r.indicator
        st = r.state
        out.append(
            [
                ind.name,
                ind.display_unit,
                f"{r.baseline.year}：{_shown(ind, r.baseline.value)}" if r.baseline else "—",
                (
                    f"{ind.target_year}：{ind.display(ind.target_value)}"
                    + ("（示意）" if ind.target_illustrative else "")
                )
                if ind.target_value is not None
                else "待设定",
                _shown(ind, r.actual),
                f"{st['achievement_pct']}%" if st and st["achievement_pct"] is not None else "—",
                st["label"] if st else "—",
            ]
        )
    return out


HEADERS = ["指标", "单位", "基期值", "目标值", "实际值", "进度", "预警"]


def _cjk_font():
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in CJK_FONTS if n in names), None)


def chart_png(row: Row, year: int) -> bytes:
    """Actual values against the linear target path, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    font = _cjk_font()
    if font:
        plt.rcParams["font.family"] = font
    plt.rcParams["axes.unicode_minus"] = False
    ind = row.indicator
    factor = float(ind.display_factor)
    fig, ax = plt.subplots(figsize=(6, 2.6), dpi=120)
    years = sorted(row.by_year)
    ax.plot(years, [float(row.by_year[y]) * factor for y in years], marker="o", label="实际值")
    if row.baseline is not None and ind.target_value is not None and ind.target_year:
        b, t = float(row.baseline.value), float(ind.target_value)
        path = list(range(row.baseline.year, ind.target_year + 1))
        ax.plot(
            path,
            [progress.expected(b, t, row.baseline.year, ind.target_year, y) * factor for y in path],
            linestyle="--",
            label="目标路径（线性）",
        )
    ax.set_title(f"{ind.name}（{ind.display_unit}）", fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


TASK_HEADERS = ("编号", "任务", "牵头单位", "完成时限", "推进状态", "进度", "逾期")


def task_rows(plan: Plan) -> list[list[str]]:
    """The plan's tasks as report rows, in plan order."""
    return [
        [
            t.code,
            t.title,
            t.lead,
            t.deadline.isoformat() if t.deadline else "—",
            t.get_status_display(),
            f"{t.progress}%",
            "是" if t.overdue else "否",
        ]
        for t in plan.tasks.order_by("order", "code")
    ]


def docx_report(plan: Plan, year: int) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    data = collect(plan, year)
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(11)
    title = doc.add_heading(f"{plan.name}\n{year} 年度监测报告", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{data['city'].name}科学技术局 · 生成于 {timezone.localtime():%Y-%m-%d}")

    doc.add_heading("一、总体情况", level=1)
    doc.add_paragraph(summary_sentence(data))

    doc.add_heading("二、指标监测表", level=1)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = text
    for values in _table_rows(data):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
    doc.add_paragraph(
        "注：进度为较基期完成规划增量的比例；预警按当年应达到的进度（线性路径）判断，"
        "达到为正常，达到 80% 以上为预警，低于 80% 为严重滞后。标“示意”的目标值为规划未给出数值目标时的示意值。"
    )

    doc.add_heading("三、重点指标走势", level=1)
    for r in data["rows"]:
        if r.indicator.headline and len(r.by_year) >= 2:
            doc.add_picture(io.BytesIO(chart_png(r, year)), width=Cm(15))
            if r.state:
                doc.add_paragraph(r.state["projection"])

    doc.add_heading("四、县（市、区）对比", level=1)
    shown = [r for r in data["rows"] if r.indicator.computed and r.counties]
    for r in shown[:6]:
        doc.add_heading(f"{r.indicator.name}（{r.indicator.display_unit}）", level=2)
        t = doc.add_table(rows=1, cols=3)
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, ("排名", "县（市、区）", f"{year} 年"), strict=True):
            cell.text = text
        for c in r.counties:
            cells = t.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = (
                str(c["rank"]),
                c["region"].name,
                _shown(r.indicator, c["value"]),
            )

    doc.add_heading("五、重点任务推进情况", level=1)
    tasks = task_rows(plan)
    if tasks:
        done = sum(1 for t in plan.tasks.all() if t.status == "done")
        doc.add_paragraph(
            f"规划任务 {len(tasks)} 项，已完成 {done} 项，"
            f"逾期未完成 {sum(1 for row in tasks if row[-1] == '是')} 项。"
            + ("牵头单位与时限为示意，待正式分工方案确定。" if plan.tasks_illustrative else "")
        )
        t = doc.add_table(rows=1, cols=len(TASK_HEADERS))
        t.style = "Table Grid"
        for cell, text in zip(t.rows[0].cells, TASK_HEADERS, strict=True):
            cell.text = text
        for values in tasks:
            for cell, text in zip(t.add_row().cells, values, strict=True):
                cell.text = text
    else:
        doc.add_paragraph("规划未列明任务。")

    doc.add_heading("六、数据说明", level=1)
    doc.add_paragraph(
        "计算类指标由科创平台登记数据按规划文件中的口径计算（比例指标为分子、分母分别汇总后相除）；"
        "统计部门数据由各地按年度填报。数据截至报告生成日。"
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def xlsx_report(plan: Plan, year: int) -> bytes:
    import xlsxwriter

    data = collect(plan, year)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    head = book.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    sheet = book.add_worksheet("指标监测表")
    sheet.write_row(0, 0, HEADERS, head)
    for i, values in enumerate(_table_rows(data), start=1):
        sheet.write_row(i, 0, values)
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, 6, 14)
    counties = book.add_worksheet("县区对比")
    computed = [r for r in data["rows"] if r.indicator.computed]
    counties.write_row(
        0,
        0,
        ["县（市、区）", *[f"{r.indicator.name}（{r.indicator.display_unit}）" for r in computed]],
        head,
    )
    for i, county in enumerate(data["counties"], start=1):
        counties.write(i, 0, county.name)
        for j, r in enumerate(computed, start=1):
            value = next((c["value"] for c in r.counties if c["region"].pk == county.pk), None)
            counties.write(i, j, "" if value is None else float(value * r.indicator.display_factor))
    counties.set_column(0, len(computed), 18)
    yearly = book.add_worksheet("逐年数据")
    yearly.write_row(0, 0, ["指标", "单位", *[str(y) for y in data["years"]]], head)
    for i, r in enumerate(data["rows"], start=1):
        yearly.write_row(i, 0, [r.indicator.name, r.indicator.display_unit])
        for j, y in enumerate(data["years"], start=2):
            v = r.by_year.get(y)
            yearly.write(i, j, "" if v is None else float(v * r.indicator.display_factor))
    yearly.set_column(0, 0, 36)
    task_sheet = book.add_worksheet("重点任务")
    task_sheet.write_row(0, 0, TASK_HEADERS, head)
    for i, values in enumerate(task_rows(plan), start=1):
        task_sheet.write_row(i, 0, values)
    task_sheet.set_column(1, 1, 50)
    task_sheet.set_column(2, 2, 24)
    book.close()
    return buffer.getvalue()


def write(plan: Plan, year: int, out: Path, fmt: str = "docx") -> Path:
    content = xlsx_report(plan, year) if fmt == "xlsx" else docx_report(plan, year)
    out.write_bytes(content)
    return out


__all__ = ["collect", "docx_report", "summary_sentence", "write", "xlsx_report"]
