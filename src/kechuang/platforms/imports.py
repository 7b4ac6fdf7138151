"""Import kinds of the platforms registry: platforms and their annual reports.

A platform is identified by its 平台编号 (the recognising department's number, unique in the
registry); its host organisation by 统一社会信用代码 and its region by 区划代码. The name columns
next to the codes are for people reading the sheet. Not imported: co-hosts (共建单位,
many-to-many); a report's 填报状态, 审核意见 and reviewer, because organisation users must not set
a reviewed status (a rule of the report form the engine cannot apply), so imported reports
arrive as drafts and existing ones keep their status.
"""

from kechuang.imports.kinds import INFO, Col, Kind

from .choices import org_user_lock_problem


def report_lock(report, previous, user) -> str | None:
    """As on the report's page: an organisation user's report is locked once submitted."""
    return org_user_lock_problem(previous["status"] if previous else None, user)


PLATFORM_CODE_SYNONYMS = ("平台编码", "平台代码", "认定编号", "编号")


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


KINDS = [
    Kind(
        name="platforms",
        model_label="platforms.Platform",
        key=("code",),
        columns=[
            Col(
                "code",
                # The natural key: without it a re-import could not find the platform again.
                required=True,
                synonyms=PLATFORM_CODE_SYNONYMS,
                example="PT-2020-0001",
                help="认定部门给出的编号，用于识别平台（已存在的编号更新该平台）；尚无编号的平台请在系统中逐个登记",
            ),
            Col(
                "name",
                synonyms=("名称", "创新平台名称"),
                example="平顶山示例尼龙材料工程技术研究中心",
            ),
            Col("kind", synonyms=("类型", "平台类别"), example="工程技术研究中心"),
            Col("level", synonyms=("平台级别", "认定级别"), example="市级"),
            Col(
                "host",
                header="依托单位统一社会信用代码",
                lookup="uscc",
                synonyms=(
                    "依托单位信用代码",
                    "依托单位社会信用代码",
                    "统一社会信用代码",
                    "信用代码",
                ),
                example="91410400MA44XXXXXX",
                help="依托单位须已在“法人单位”登记",
                get=lambda obj: obj.host.uscc,
            ),
            Col(
                "host_name",
                header="依托单位",
                type=INFO,
                synonyms=("依托单位名称", "建设单位"),
                example="平顶山示例科技有限公司",
                get=lambda obj: obj.host.name,
            ),
            Col("tech_field", synonyms=("所属技术领域",), example="新材料"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            *region_cols("依托单位"),
            Col("approved_on", synonyms=("认定时间", "批准日期", "获批日期"), example="2020-06-01"),
            Col("approval_doc", synonyms=("认定文号", "文号"), example="平科〔2020〕12号"),
            Col("status", synonyms=("状态",), example="运行"),
            Col("status_since", help="留空时新平台取认定日期"),
            Col("revoked_on", help="运行状态为“撤销”时必填，其他状态留空"),
            Col("director", synonyms=("平台负责人", "主任"), example="张三"),
            Col("description", synonyms=("平台简介",)),
        ],
    ),
    Kind(
        name="platform-reports",
        model_label="platforms.PlatformReport",
        key=("platform", "year"),
        may_write=report_lock,
        columns=[
            Col(
                "platform",
                header="平台编号",
                lookup="code",
                synonyms=PLATFORM_CODE_SYNONYMS,
                example="PT-2020-0001",
                help="平台须已登记并有平台编号",
                get=lambda obj: obj.platform.code,
            ),
            Col(
                "platform_name",
                header="平台名称",
                type=INFO,
                synonyms=("创新平台名称", "名称"),
                example="平顶山示例尼龙材料工程技术研究中心",
                get=lambda obj: obj.platform.name,
            ),
            Col("year", synonyms=("报告年度", "年报年度"), example=2024),
            Col(
                "rd_spend_wan", synonyms=("研发经费投入（万元）", "研发经费（万元）"), example=520.5
            ),
            Col("staff", synonyms=("固定人员数", "固定人员"), example=30),
            Col("researchers", synonyms=("研究人员数", "研究人员"), example=20),
            Col(
                "senior_researchers",
                synonyms=("高级职称人数", "高级职称人员数", "副高以上人员"),
                example=6,
            ),
            Col("projects", synonyms=("在研项目数", "在研项目"), example=6),
            Col("project_funding_wan", synonyms=("在研项目经费（万元）",), example=150),
            Col("patents_applied", synonyms=("专利申请数", "申请专利数"), example=5),
            Col("patents_granted", synonyms=("专利授权数", "授权专利数"), example=7),
            Col(
                "invention_patents_granted",
                synonyms=("发明专利授权数", "授权发明专利数"),
                example=2,
            ),
            Col("achievements_transferred", synonyms=("成果转化数", "转化成果数"), example=2),
            Col("transfer_income_wan", synonyms=("转化收入（万元）",), example=60),
            Col("cooperation_projects", synonyms=("产学研合作项目数", "产学研项目数"), example=2),
            Col("income_wan", synonyms=("技术收入（万元）",), example=90),
            Col(
                "equipment_value_wan",
                synonyms=("设备原值（万元）", "仪器设备价值（万元）"),
                example=800,
            ),
            Col("standards", synonyms=("制定标准数", "标准数"), example=1),
            Col("papers", synonyms=("发表论文数", "论文数"), example=3),
        ],
    ),
]
