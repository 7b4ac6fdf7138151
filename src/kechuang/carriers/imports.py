"""Import kinds of the carriers registry: carriers, their tenants, venture funds, investments.

Carriers and funds are identified by their names (unique in the registry), a stay by carrier,
enterprise and entry date, an investment by fund, enterprise and date. Organisations are matched
by 统一社会信用代码 and regions by 区划代码; the name columns next to the codes are for people
reading the sheet. Yearly carrier figures are derived from the stays and are not imported.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Sum

from kechuang.imports.kinds import INFO, Col, Kind


def overlapping_stays(rows, problem) -> None:
    """An enterprise has at most one stay at a time in a carrier: the model checks each row
    against the registry; this checks the rows of one file against each other."""
    by_pair = defaultdict(list)
    for tenancy, index, row in rows:
        by_pair[(tenancy.carrier_id, tenancy.enterprise_id)].append((tenancy, index, row))
    for stays in by_pair.values():
        stays.sort(key=lambda s: s[0].entered_on)
        latest = None  # the stay seen so far that ends last (an open one never ends)
        for tenancy, index, row in stays:
            if latest is not None:
                other, _i, other_row = latest
                if other.exited_on is None or other.exited_on > tenancy.entered_on:
                    until = f"{other.exited_on:%Y-%m-%d}" if other.exited_on else "今"
                    problem(
                        index,
                        "entered_on",
                        f"与本文件第{other_row}行该企业在“{tenancy.carrier}”的在孵记录"
                        f"（{other.entered_on:%Y-%m-%d} 至 {until}）重叠；"
                        "同一企业在同一载体的在孵时段不能重叠",
                    )
                    continue
            if latest is None or (
                latest[0].exited_on is not None
                and (tenancy.exited_on is None or tenancy.exited_on > latest[0].exited_on)
            ):
                latest = (tenancy, index, row)


def fund_totals(rows, problem) -> None:
    """A fund's investments may not add up to more than its size: the model checks each row with
    the registry; this adds the file's rows of one fund together (rows the file changes count
    with their new amounts, once)."""
    from .models import Investment

    by_fund = defaultdict(list)
    for investment, index, row in rows:
        if investment.amount_wan:
            by_fund[investment.fund_id].append((investment, index, row))
    for members in by_fund.values():
        if len(members) < 2:
            continue
        fund = members[0][0].fund
        in_file = sum((i.amount_wan for i, _x, _r in members), Decimal(0))
        mine = [i.pk for i, _x, _r in members if i.pk]
        stored = Investment.objects.filter(fund=fund).exclude(pk__in=mine)
        others = stored.aggregate(total=Sum("amount_wan"))["total"] or Decimal(0)
        if others + in_file <= fund.size_wan:
            continue
        listed = "、".join(f"第{r}行" for _i, _x, r in members)
        for _investment, index, _row in members:
            problem(
                index,
                "amount_wan",
                f"基金“{fund}”的投资合计将达 {others + in_file:,.2f} 万元（已登记 {others:,.2f} 万元"
                f" + 本文件{listed}共 {in_file:,.2f} 万元），超过基金规模 {fund.size_wan:,.2f} 万元",
            )


def org_cols(key: str, label: str, help: str = "") -> list[Col]:
    """The organisation in `key` by its 统一社会信用代码, and its name for reading."""
    return [
        Col(
            key,
            header=f"{label}统一社会信用代码",
            lookup="uscc",
            synonyms=(f"{label}信用代码", f"{label}社会信用代码", "统一社会信用代码", "信用代码"),
            example="91410400MA44XXXXXX",
            help=help or f"{label}须已在“法人单位”登记",
            get=lambda obj: getattr(obj, key).uscc,
        ),
        Col(
            f"{key}_name",
            header=label,
            type=INFO,
            synonyms=(f"{label}名称",),
            example="平顶山示例科技有限公司",
            get=lambda obj: getattr(obj, key).name,
        ),
    ]


def region_cols(owner: str) -> list[Col]:
    """区划代码 (matched) and 所在区划 (for reading). Optional: left blank, the model takes
    the owner's region (new rows) or keeps the stored one (updates)."""
    return [
        Col(
            "region",
            header="区划代码",
            lookup="code",
            required=False,
            keep_blank=True,
            synonyms=("所在区划代码", "行政区划代码"),
            example="410402001",
            help=f"乡镇（街道）9 位或县（市、区）6 位区划代码，一般为{owner}所在区划",
            get=lambda obj: obj.region.code,
        ),
        Col(
            "region_name",
            header="所在区划",
            type=INFO,
            synonyms=("所在地", "所属县区"),
            example="曙光街街道",
            get=lambda obj: obj.region.name,
        ),
    ]


def carrier_col(key: str, header: str, **extra) -> Col:
    """A carrier by its name (unique in the registry)."""
    return Col(
        key,
        header=header,
        lookup="name",
        example="平顶山示例众创空间",
        get=lambda obj: obj.carrier.name if obj.carrier_id else "",
        **extra,
    )


KINDS = [
    Kind(
        name="carriers",
        model_label="carriers.Carrier",
        key=("name",),
        columns=[
            Col("name", synonyms=("孵化载体名称", "载体"), example="平顶山示例众创空间"),
            Col(
                "kind",
                synonyms=("类型", "载体类别"),
                aliases={
                    "maker_space": ("众创空间", "苗圃"),
                    "incubator": ("孵化器",),
                    "accelerator": ("科技企业加速器",),
                },
                example="众创空间（苗圃）",
            ),
            Col("level", synonyms=("级别",), example="市级"),
            Col("specialisation", synonyms=("载体性质", "综合或专业"), example="综合"),
            *org_cols("operator", "运营单位", "运营单位须已在“法人单位”登记（运营主体）"),
            *region_cols("运营单位"),
            Col("industry", synonyms=("服务产业", "专业领域"), help="专业载体必填"),
            Col(
                "recognised_on",
                synonyms=("认定时间",),
                help="认定级别为“未认定”时留空",
            ),
            Col("area_sqm", synonyms=("场地面积", "总面积（平方米）"), example=5000),
            Col("incubation_area_sqm", synonyms=("孵化场地面积", "孵化面积"), example=3000),
            Col("fund_size_wan", synonyms=("孵化基金（万元）", "孵化资金（万元）"), example=500),
            Col("mentors", synonyms=("创业导师数", "导师人数"), example=10),
            Col("staff", synonyms=("从业人员", "工作人员数"), example=12),
            Col("professional_staff", synonyms=("专业孵化人员", "专业人员数"), example=10),
            Col("status", synonyms=("状态",), example="运营"),
            Col("description", synonyms=("载体简介",)),
        ],
    ),
    Kind(
        name="tenancies",
        model_label="carriers.Tenancy",
        key=("carrier", "enterprise", "entered_on"),
        check_rows=overlapping_stays,
        help="按孵化载体、在孵企业和入驻日期识别一段在孵记录",
        columns=[
            carrier_col(
                "carrier",
                "孵化载体",
                synonyms=("孵化载体名称", "载体名称"),
                help="填写已登记的孵化载体名称",
            ),
            *org_cols("enterprise", "在孵企业", "须为已登记的“企业”类型法人单位"),
            Col("entered_on", synonyms=("入驻时间", "入孵日期", "入孵时间"), example="2023-03-01"),
            Col("exited_on", synonyms=("离开时间", "出孵日期"), help="仍在孵则留空"),
            Col("exit_reason", synonyms=("出孵原因",), help="填写离开日期时必填"),
            Col("graduated_criteria_note", synonyms=("毕业依据", "毕业说明")),
            Col("ip_count", synonyms=("知识产权数量", "拥有知识产权数"), example=3),
        ],
    ),
    Kind(
        name="funds",
        model_label="carriers.Fund",
        key=("name",),
        columns=[
            Col("name", synonyms=("创投基金名称", "基金"), example="平顶山示例创业投资基金"),
            *org_cols("manager", "管理机构", "管理机构须已在“法人单位”登记（基金管理人）"),
            Col("size_wan", synonyms=("认缴规模（万元）", "募集规模（万元）"), example=10000),
            Col("established_on", synonyms=("成立时间",), example="2020-01-01"),
            Col("government_guided", synonyms=("是否政府引导基金",), example="否"),
            Col(
                "focus_industries",
                synonyms=("投资产业", "重点投资领域"),
                example="尼龙新材料、新一代信息技术",
                help="重点产业名称或代码，多个用逗号或顿号分隔",
            ),
            *region_cols("管理机构"),
            Col("description", synonyms=("基金简介",)),
        ],
    ),
    Kind(
        name="investments",
        model_label="carriers.Investment",
        key=("fund", "enterprise", "invested_on"),
        check_rows=fund_totals,
        help="按创投基金、被投企业和投资日期识别一笔投资",
        columns=[
            Col(
                "fund",
                lookup="name",
                synonyms=("基金名称", "创投基金名称", "投资机构"),
                example="平顶山示例创业投资基金",
                help="填写已登记的创投基金名称",
                get=lambda obj: obj.fund.name,
            ),
            *org_cols("enterprise", "被投企业", "须为已登记的“企业”类型法人单位"),
            Col("amount_wan", synonyms=("投资额（万元）", "出资额（万元）"), example=500),
            Col("invested_on", synonyms=("投资时间",), example="2023-06-01"),
            Col(
                "round",
                synonyms=("轮次", "融资轮次"),
                aliases={"angel": ("天使",), "c_plus": ("C轮", "D轮", "E轮")},
                example="天使轮",
            ),
            carrier_col(
                "carrier",
                "所在孵化载体",
                synonyms=("孵化载体", "在孵载体"),
                help="投资时企业在孵的载体名称；不在孵则留空",
            ),
            Col("note", synonyms=("说明",)),
        ],
    ),
]
