"""Import kinds of the talents registry: talents, honours, teams, 科技特派员 and their service.

A talent is identified by the resident ID number (身份证号码), the one identifier the registry keeps
unique; a commissioner by its name together with the sending organisation (派出单位), since a
service group (产业服务团) has no ID number. Organisations are matched by 统一社会信用代码 and regions
by 区划代码; the name columns next to the codes are for people reading the sheet.

Honours, team memberships, assignments and assessments are identified by their unique
constraints; a team by its name together with its 依托单位. Talents are named by 身份证号码 (personal
data: masked in exports for users who may not see it), teams and commissioners by their names.

Not imported: service logs (no natural key: no number, and nothing unique about the day, the place
and the commissioner) and a team's members field (many-to-many through the team members, which
have their own kind).
"""

from dataclasses import replace

from kechuang.imports.kinds import INFO, Col, Kind

from .models import add_leader_memberships

ID_EXAMPLE = "410402198503040117"


def org_cols(key: str, label: str) -> list[Col]:
    """The organisation in `key` by its 统一社会信用代码, and its name for reading."""
    return [
        Col(
            key,
            header=f"{label}统一社会信用代码",
            lookup="uscc",
            required=True,
            synonyms=(f"{label}信用代码", f"{label}社会信用代码", "统一社会信用代码", "信用代码"),
            example="91410400MA44XXXXXX",
            help=f"{label}须已在“法人单位”登记",
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


def region_cols(label: str, owner: str) -> list[Col]:
    """The region by 区划代码 and its name for reading. Optional: left blank, the model takes the
    owner's region (new rows) or keeps the stored one (updates)."""
    return [
        Col(
            "region",
            header=f"{label}代码",
            lookup="code",
            required=False,
            keep_blank=True,
            synonyms=tuple(
                s for s in ("区划代码", "所在区划代码", "行政区划代码") if s != f"{label}代码"
            ),
            example="410402001",
            help=f"乡镇（街道）9 位或县（市、区）6 位区划代码，一般为{owner}所在区划",
            get=lambda obj: obj.region.code,
        ),
        Col(
            "region_name",
            header=label,
            type=INFO,
            synonyms=("所在地", "所属县区"),
            example="曙光街街道",
            get=lambda obj: obj.region.name,
        ),
    ]


def talent_id_number(obj) -> str:
    """The commissioner's ID number (the column is personal data: masked in exports for users who
    may not see ID numbers, because the talent's `personal_fields` names it)."""
    return obj.talent.id_number if obj.talent_id else ""


KINDS = [
    Kind(
        name="talents",
        model_label="talents.Talent",
        key=("id_number",),
        columns=[
            Col(
                "id_number",
                # The natural key: without it a re-import could not find the person again.
                required=True,
                synonyms=("身份证号", "身份证", "公民身份号码", "证件号码"),
                example=ID_EXAMPLE,
                help="18 位居民身份证号码，用于识别人才（已登记的号码更新该人才）",
            ),
            Col("name", synonyms=("人才姓名",), example="张三"),
            Col(
                "gender",
                aliases={"male": ("男性",), "female": ("女性",)},
                example="男",
                help="须与身份证号码第 17 位一致",
            ),
            Col(
                "birth_year",
                synonyms=("出生年", "出生年度"),
                example=1985,
                help="须与身份证号码中的出生年份一致",
            ),
            Col("phone", synonyms=("手机号码", "手机", "联系方式"), example="13812345678"),
            Col(
                "category",
                synonyms=("人才类型", "类别"),
                aliases={
                    "flagship": ("高层次人才", "旗舰"),
                    "carrier": ("归根人才", "航母"),
                    "sail": ("本土人才", "千帆"),
                },
                example="本土人才（“千帆”）",
            ),
            Col(
                "title",
                synonyms=("职称级别", "专业技术职称"),
                aliases={"senior": ("正高",), "associate": ("副高",), "none": ("无",)},
                example="副高级",
            ),
            Col(
                "education",
                synonyms=("最高学历",),
                # "研究生" alone is not an alias: 博士 or 硕士 is not for us to guess.
                aliases={
                    "doctor": ("博士",),
                    "master": ("硕士",),
                    "bachelor": ("本科",),
                    "college": ("大专", "专科"),
                },
                example="硕士研究生",
            ),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            *org_cols("org", "工作单位"),
            *region_cols("所在区划", "工作单位"),
            Col("description", synonyms=("个人简介", "主要业绩")),
        ],
    ),
    Kind(
        name="commissioners",
        model_label="talents.Commissioner",
        key=("name", "home_org"),
        help="按名称和派出单位识别科技特派员",
        columns=[
            Col(
                "name",
                # Part of the natural key, so filled in even for individuals.
                required=True,
                synonyms=("姓名", "特派员姓名", "服务团名称"),
                example="张三",
                help="个人填姓名，产业服务团填服务团名称；与派出单位一起识别科技特派员",
            ),
            Col(
                "kind",
                synonyms=("特派员类型",),
                aliases={
                    "individual": ("个人科技特派员",),
                    "group": ("服务团", "产业科技特派员服务团"),
                },
                example="个人",
            ),
            Col(
                "talent",
                header="身份证号码",
                lookup="id_number",
                synonyms=("身份证号", "公民身份号码"),
                example=ID_EXAMPLE,
                help="个人科技特派员必填，须已在“人才”登记；产业服务团留空",
                get=talent_id_number,
            ),
            Col("level", synonyms=("特派员级别", "选派级别"), example="省级"),
            *org_cols("home_org", "派出单位"),
            Col("speciality", synonyms=("专业", "特长", "服务领域"), example="尼龙材料改性"),
            *region_cols("派出单位所在区划", "派出单位"),
            Col(
                "active",
                synonyms=("是否在岗", "在岗状态"),
                aliases={True: ("在岗",), False: ("离岗", "不在岗")},
                example="是",
            ),
        ],
    ),
]


def talent_cols(key: str, label: str = "") -> list[Col]:
    """The talent in `key` by 身份证号码 (personal data, masked in exports for users who may not
    see it) and the name for reading."""
    return [
        Col(
            key,
            header=f"{label}身份证号码",
            lookup="id_number",
            synonyms=(f"{label}身份证号", f"{label}公民身份号码", f"{label}证件号码"),
            example=ID_EXAMPLE,
            help=f"{label or '人才'}须已在“人才”登记，按身份证号码识别",
            get=lambda obj: getattr(obj, key).id_number,
        ),
        Col(
            f"{key}_name",
            header=f"{label}姓名",
            type=INFO,
            synonyms=(label,) if label else ("人才姓名", "成员姓名"),
            example="张三",
            get=lambda obj: getattr(obj, key).name,
        ),
    ]


def commissioner_cols() -> list[Col]:
    """A commissioner by name (commissioners carry no number) and the sending unit for reading."""
    return [
        Col(
            "commissioner",
            lookup="name",
            synonyms=("科技特派员姓名", "特派员姓名", "特派员", "服务团名称"),
            example="张三",
            help="已登记的科技特派员姓名或产业服务团名称，须与系统中的名称一致",
            get=lambda obj: obj.commissioner.name,
        ),
        Col(
            "commissioner_home_org",
            header="派出单位",
            type=INFO,
            synonyms=("派出单位名称",),
            example="平顶山示例科技有限公司",
            get=lambda obj: obj.commissioner.home_org.name,
        ),
    ]


def team_region_cols() -> list[Col]:
    code, name = region_cols("所在区划", "依托单位")
    help = (
        "乡镇（街道）9 位或县（市、区）6 位区划代码；新增时留空则取依托单位所在区划，"
        "更新已有团队时请照原样填写"
    )
    return [replace(code, required=None, help=help), name]


def team_leader_cols() -> list[Col]:
    code, name = talent_cols("leader", "团队带头人")
    # The model adds the leader as a member in save(), which the engine's bulk insert skips.
    help = f"{code.help}；导入不会把带头人自动加入团队成员，请另用“团队成员”导入"
    return [replace(code, help=help), name]


KINDS += [
    Kind(
        name="honours",
        model_label="talents.Honour",
        key=("talent", "name", "year"),
        help="按身份证号码、人才计划名称和入选年度识别",
        columns=[
            *talent_cols("talent"),
            Col(
                "name",
                synonyms=("人才计划", "入选计划", "人才工程名称", "入选人才计划"),
                example="中原英才计划",
            ),
            Col("level", synonyms=("计划级别", "人才计划级别"), example="省级"),
            Col("year", synonyms=("入选年份", "入选时间"), example=2023),
        ],
    ),
    Kind(
        name="teams",
        model_label="talents.Team",
        key=("name", "org"),
        after_write=lambda teams, author: add_leader_memberships(teams),
        help="按团队名称和依托单位识别创新团队",
        columns=[
            Col(
                "name",
                synonyms=("创新团队名称", "团队"),
                example="尼龙新材料创新团队",
                help="与依托单位一起识别团队",
            ),
            *team_leader_cols(),
            *org_cols("org", "依托单位"),
            *team_region_cols(),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            Col("founded_year", synonyms=("组建年份", "成立年度", "组建时间"), example=2020),
            Col("description", synonyms=("团队简介",)),
        ],
    ),
    Kind(
        name="team-members",
        model_label="talents.TeamMember",
        key=("team", "talent"),
        help="按创新团队名称和成员身份证号码识别团队成员",
        columns=[
            Col(
                "team",
                lookup="name",
                synonyms=("团队名称", "创新团队名称", "所在团队"),
                example="尼龙新材料创新团队",
                help="已登记的创新团队名称，须与系统中的名称一致",
                get=lambda obj: obj.team.name,
            ),
            Col(
                "team_org",
                header="依托单位",
                type=INFO,
                synonyms=("依托单位名称",),
                example="平顶山示例科技有限公司",
                get=lambda obj: obj.team.org.name,
            ),
            *talent_cols("talent"),
            Col("role", synonyms=("角色", "分工", "团队分工"), example="核心成员"),
            Col(
                "joined_year",
                synonyms=("加入年份", "加入时间"),
                example=2021,
                help="不早于团队组建年度",
            ),
        ],
    ),
    Kind(
        name="assignments",
        model_label="talents.Assignment",
        key=("commissioner", "region", "start_year"),
        help="按科技特派员、服务乡镇/村和开始年度识别服务对象",
        columns=[
            *commissioner_cols(),
            Col(
                "region",
                header="服务乡镇/村代码",
                lookup="code",
                synonyms=("服务地点代码", "服务乡镇代码", "服务村代码", "区划代码"),
                example="410402001",
                help="乡镇（街道）9 位或村 12 位区划代码",
                get=lambda obj: obj.region.code,
            ),
            Col(
                "region_name",
                header="服务乡镇/村",
                type=INFO,
                synonyms=("服务地点", "服务对象", "服务乡镇"),
                example="曙光街街道",
                get=lambda obj: obj.region.name,
            ),
            Col("start_year", synonyms=("服务开始年度", "开始年份"), example=2023),
            Col("end_year", synonyms=("服务结束年度", "结束年份"), help="仍在服务则留空"),
        ],
    ),
    Kind(
        name="assessments",
        model_label="talents.Assessment",
        key=("commissioner", "year"),
        help="按科技特派员和考核年度识别年度考核",
        columns=[
            *commissioner_cols(),
            Col("year", synonyms=("年度", "考核年份"), example=2023),
            Col("result", synonyms=("考核等次", "考核结果等次"), example="合格"),
            Col("comment", synonyms=("考核评语", "意见")),
        ],
    ),
]
