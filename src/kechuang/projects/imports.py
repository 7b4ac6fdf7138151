"""Import kinds of 创新课题与专家: calls, proposals, funded projects, milestones and experts.

A call is identified by its title, year and publishing region (its unique constraint); a proposal
by its title, applicant and call; a project by its 项目编号; a milestone by its project and title;
an expert by name and 手机号码 (the pool has no ID number, and outside experts have no registered
unit). Calls carry no number, so proposals and projects name their call by its title.
Organisations are matched by 统一社会信用代码 and regions by 区划代码; the name columns next to the
codes are for people reading the sheet.

Not imported: reviews (scored on the web by the experts), a project's 来源申报 (a proposal has no
number a sheet could name, and titles repeat when a proposal is resubmitted; 立项 from a proposal
is done on the web) and an expert's 回避单位 (many-to-many).
"""

from dataclasses import replace

from kechuang.achievements.imports import org_cols, region_cols
from kechuang.imports.kinds import INFO, Col, Kind

PROJECT_NO_SYNONYMS = ("项目编码", "立项编号", "项目代码", "编号")


def optional_region_cols(owner: str) -> list[Col]:
    """区划代码 and 所在区划 for a region the model derives from `owner` when left blank."""
    code, name = region_cols(owner)
    help = (
        "乡镇（街道）9 位或县（市、区）6 位区划代码；新增时留空则取"
        f"{owner}所在区划，更新已有记录时请照原样填写"
    )
    return [replace(code, required=None, help=help), name]


def call_col(required: bool | None = None) -> Col:
    """A call by its title (calls carry no number)."""
    return Col(
        "call",
        lookup="title",
        required=required,
        synonyms=("课题指南名称", "指南名称", "申报指南", "申报通知"),
        example="2024年度尼龙新材料及应用重大专项指南",
        help="填写已发布的课题指南名称，须与系统中的名称一致",
        get=lambda obj: obj.call.title if obj.call_id else "",
    )


def expert_org_cols() -> list[Col]:
    """The expert's registered unit, which may be blank (outside experts)."""
    code, name = org_cols("org", "工作单位")
    return [
        replace(
            code,
            help="登记在册的单位填写其代码；未登记的单位留空，并填写“单位名称（未登记）”",
            get=lambda obj: obj.org.uscc if obj.org_id else "",
        ),
        # Renamed: the default key, org_name, is the model's field for unregistered units.
        replace(
            name, key="org_registered_name", get=lambda obj: obj.org.name if obj.org_id else ""
        ),
    ]


def expert_region(obj, attr: str) -> str:
    return getattr(obj.region, attr) if obj.region_id else ""


KINDS = [
    Kind(
        name="calls",
        model_label="projects.Call",
        key=("title", "year", "region"),
        help="按指南名称、年度和发布单位区划识别课题指南",
        columns=[
            Col(
                "title",
                synonyms=("课题指南名称", "申报指南名称", "指南"),
                example="2024年度尼龙新材料及应用重大专项指南",
            ),
            Col("year", synonyms=("指南年度", "申报年度"), example=2024),
            Col("key_field", synonyms=("重点产业", "支持领域", "领域"), example="尼龙新材料"),
            Col(
                "budget_wan",
                synonyms=("预算经费（万元）", "资助总额（万元）", "财政资助总额（万元）"),
                example=1000,
            ),
            Col("opens_on", synonyms=("申报开始时间", "受理开始日期"), example="2024-03-01"),
            Col(
                "closes_on",
                synonyms=("申报截止时间", "截止日期", "受理截止日期"),
                example="2024-04-30",
                help="不早于申报开始日期",
            ),
            Col("status", synonyms=("指南状态",), example="征集中"),
            Col(
                "region",
                header="发布单位区划代码",
                lookup="code",
                synonyms=("区划代码", "发布单位代码", "发布层级区划代码"),
                example="410400",
                help="发布层级的区划代码：市本级 410400，县（市、区）6 位代码",
                get=lambda obj: obj.region.code,
            ),
            Col(
                "region_name",
                header="发布单位区划",
                type=INFO,
                synonyms=("发布层级", "所在区划"),
                example="平顶山市",
                get=lambda obj: obj.region.name,
            ),
            Col("description", synonyms=("指南内容", "说明")),
        ],
    ),
    Kind(
        name="proposals",
        model_label="projects.Proposal",
        key=("title", "applicant", "call"),
        help="按课题名称、申报单位和课题指南识别课题申报",
        columns=[
            Col(
                "title",
                synonyms=("申报课题名称", "项目名称", "申报项目名称"),
                example="尼龙66改性关键技术研究",
            ),
            call_col(),
            *org_cols("applicant", "申报单位"),
            Col("leader_name", synonyms=("课题负责人", "项目负责人"), example="张三"),
            Col("team", synonyms=("课题组成员", "项目组成员"), help="每行一人：姓名、单位、分工"),
            Col(
                "budget_wan",
                synonyms=("申请资助（万元）", "申请财政资金（万元）"),
                example=200,
                help="大于 0，且不超过课题指南的经费预算",
            ),
            Col("self_funding_wan", synonyms=("自筹资金（万元）", "配套经费（万元）"), example=100),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
            Col("status", synonyms=("申报状态",), example="已提交"),
            Col(
                "submitted_on",
                synonyms=("申报时间", "提交日期"),
                example="2024-03-15",
                help="须在课题指南的申报起止日期之内",
            ),
            *optional_region_cols("申报单位"),
        ],
    ),
    Kind(
        name="projects",
        model_label="projects.Project",
        key=("project_no",),
        columns=[
            Col(
                "project_no",
                synonyms=PROJECT_NO_SYNONYMS,
                example="PDSKJ-2024-001",
                help="立项文件中的项目编号，用于识别项目（已存在的编号更新该项目）",
            ),
            Col("title", synonyms=("立项项目名称", "课题名称"), example="尼龙66复合材料产业化"),
            call_col(),
            *org_cols("owner", "承担单位"),
            Col("leader_name", synonyms=("项目负责人",), example="李四"),
            Col(
                "funded_wan",
                synonyms=("财政资助经费（万元）", "资助经费（万元）", "财政资金（万元）"),
                example=100,
            ),
            Col("self_funding_wan", synonyms=("自筹资金（万元）", "配套经费（万元）"), example=200),
            Col(
                "starts_on", synonyms=("起始日期", "开始时间", "项目开始日期"), example="2024-07-01"
            ),
            Col(
                "ends_on",
                synonyms=("截止日期", "结束时间", "项目结束日期"),
                example="2027-06-30",
                help="不早于开始日期",
            ),
            Col("status", synonyms=("项目状态",), example="在研"),
            *optional_region_cols("承担单位"),
        ],
    ),
    Kind(
        name="milestones",
        model_label="projects.Milestone",
        key=("project", "title"),
        help="按项目编号和里程碑名称识别里程碑",
        columns=[
            Col(
                "project",
                header="项目编号",
                lookup="project_no",
                synonyms=PROJECT_NO_SYNONYMS,
                example="PDSKJ-2024-001",
                help="项目须已立项登记",
                get=lambda obj: obj.project.project_no,
            ),
            Col(
                "project_title",
                header="项目名称",
                type=INFO,
                synonyms=("立项项目名称", "立项项目"),
                example="尼龙66复合材料产业化",
                get=lambda obj: obj.project.title,
            ),
            Col(
                "title",
                synonyms=("里程碑名称", "节点名称", "考核节点"),
                example="中期检查",
                help="如 开题、中期检查、结题验收；与项目编号一起识别里程碑",
            ),
            Col("due_on", synonyms=("计划完成时间", "计划日期"), example="2025-12-31"),
            Col(
                "done_on",
                synonyms=("实际完成时间", "完成日期"),
                help="状态为“已完成”时必填，其他状态留空",
            ),
            Col(
                "status",
                synonyms=("完成状态", "进展情况"),
                example="未开始",
                help="“逾期”不需填写：计划日期已过且未完成时自动显示",
            ),
            Col("note", synonyms=("说明",)),
        ],
    ),
    Kind(
        name="experts",
        model_label="projects.Expert",
        key=("name", "phone"),
        help="按姓名和手机号码识别专家",
        columns=[
            Col("name", synonyms=("专家姓名",), example="王五"),
            Col(
                "phone",
                # Part of the natural key, so filled in although the model allows it blank.
                required=True,
                synonyms=("手机", "联系电话", "联系方式", "手机号"),
                example="13912345678",
                help="与姓名一起识别专家；属个人信息，导出时按权限脱敏",
            ),
            *expert_org_cols(),
            Col(
                "org_name",
                synonyms=("未登记单位名称", "市外单位名称"),
                help="工作单位未在“法人单位”登记时（如市外高校、院所）填写单位名称",
            ),
            Col("disciplines", synonyms=("学科", "专业领域"), example="430 材料科学, 高分子材料"),
            Col("main_field", synonyms=("技术领域", "所属技术领域"), example="新材料"),
            Col("title", synonyms=("专业技术职称", "职务职称"), example="教授"),
            Col("email", synonyms=("邮箱", "E-mail", "Email"), example="wangwu@example.com"),
            Col("available", synonyms=("是否可参与评审", "可评审"), example="是"),
            Col(
                "region",
                header="所在区划代码",
                lookup="code",
                synonyms=("区划代码", "推荐县区代码"),
                example="410402",
                help="县区推荐的专家填写所在县（市、区）6 位区划代码；市外专家留空",
                get=lambda obj: expert_region(obj, "code"),
            ),
            Col(
                "region_name",
                header="所在区划",
                type=INFO,
                synonyms=("推荐县区", "所属县区"),
                example="新华区",
                get=lambda obj: expert_region(obj, "name"),
            ),
        ],
    ),
]
