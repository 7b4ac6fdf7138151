"""Import kinds of the 成果转化 registry: achievements, technology demands and contracts.

Organisations are matched by 统一社会信用代码 and regions by 区划代码; the name columns next to
the codes are for people reading the sheet. Achievements and demands carry no number of their own,
so they are identified by their title together with the holding organisation; contracts by their
合同登记编号; an appraisal by its achievement, type and date. Not imported: co-owners of an achievement (many-to-many) and a contract's link to an
achievement (an achievement has no number a sheet could name).
"""

from kechuang.imports.kinds import INFO, Col, Kind

ORG_EXAMPLE = "91410400MA44XXXXXX"


def org_cols(key: str, label: str, plain_uscc: bool = True) -> list[Col]:
    """The organisation in `key` by its 统一社会信用代码, and its name for reading."""
    synonyms = (f"{label}信用代码", f"{label}社会信用代码", f"{label}代码")
    if plain_uscc:
        synonyms += ("统一社会信用代码", "社会信用代码", "信用代码")
    return [
        Col(
            key,
            header=f"{label}统一社会信用代码",
            lookup="uscc",
            synonyms=synonyms,
            example=ORG_EXAMPLE,
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


def party_cols(side: str, label: str, example: dict) -> list[Col]:
    """A contract party: registry organisation, name, registry region or place outside the city.
    `example` gives the template's example cells by field name."""

    def uscc(obj):
        org = getattr(obj, side)
        return org.uscc if org is not None else ""

    def region(obj, attr):
        place = getattr(obj, f"{side}_region")
        return getattr(place, attr) if place is not None else ""

    return [
        Col(
            side,
            header=f"{label}统一社会信用代码",
            lookup="uscc",
            synonyms=(f"{label}信用代码", f"{label}社会信用代码", f"{label}单位代码"),
            example=example.get(side),
            help=f"登记库中的{label}单位；市外单位留空并填写{label}名称",
            get=uscc,
        ),
        Col(
            f"{side}_name",
            synonyms=(f"{label}单位名称", f"{label}单位", label),
            example=example.get(f"{side}_name"),
            help="填写统一社会信用代码时按登记库中的单位名称保存",
        ),
        Col(
            f"{side}_region",
            header=f"{label}所在区划代码",
            lookup="code",
            synonyms=(f"{label}区划代码",),
            example=example.get(f"{side}_region"),
            help=(
                f"留空则取{label}单位所在区划；县（区）、市级用户导入新合同时，"
                "卖方或买方至少一方须填写区划代码（据此核对数据范围）"
            ),
            get=lambda obj: region(obj, "code"),
        ),
        Col(
            f"{side}_region_name",
            header=f"{label}所在区划",
            type=INFO,
            synonyms=(f"{label}所在县区",),
            example=example.get(f"{side}_region_name"),
            get=lambda obj: region(obj, "name"),
        ),
        Col(
            f"{side}_region_text",
            synonyms=(f"{label}所在地", f"{label}地址"),
            example=example.get(f"{side}_region_text"),
        ),
    ]


KEYWORDS_HELP = "多个关键词用逗号或顿号（、）分隔"

KINDS = [
    Kind(
        name="achievements",
        model_label="achievements.Achievement",
        key=("title", "owner"),
        help="按成果名称和成果持有单位识别成果",
        columns=[
            Col(
                "title", synonyms=("成果名称（项目名称）", "项目名称"), example="尼龙66连续聚合工艺"
            ),
            *org_cols("owner", "成果持有单位"),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            Col("description", synonyms=("简介", "成果简要说明"), example="连续聚合生产尼龙66"),
            Col("keywords", example="尼龙66、连续聚合", help=KEYWORDS_HELP),
            Col("ip_list", synonyms=("知识产权", "专利情况")),
            Col(
                "trl",
                synonyms=("技术成熟度", "技术就绪度等级", "TRL"),
                example=6,
                # "6", "6级", "六级", "TRL 6" are taken as TRL 6 without declaring them.
                help="尚未评估的留空",
            ),
            Col("status", synonyms=("转化情况",), example="待转化"),
            Col("completed_on", synonyms=("完成时间", "成果完成日期"), example="2023-06-30"),
            *region_cols("成果持有单位"),
            Col("contact_person", example="张三"),
            Col("contact_phone", example="0375-1234567"),
        ],
    ),
    Kind(
        name="demands",
        model_label="achievements.Demand",
        key=("title", "org"),
        help="按需求名称和需求单位识别需求",
        columns=[
            Col("title", synonyms=("技术需求名称", "需求项目名称"), example="尼龙切片在线检测技术"),
            *org_cols("org", "需求单位"),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            Col("description", synonyms=("需求内容", "需求简介"), example="在线检测切片含水率"),
            Col("keywords", example="在线检测、含水率", help=KEYWORDS_HELP),
            Col("budget_wan", synonyms=("预算（万元）", "投入资金（万元）"), example=50),
            Col(
                "published_on", synonyms=("发布时间",), example="2024-03-01", help="留空为导入当天"
            ),
            Col("deadline", synonyms=("截止时间", "有效期至")),
            Col("status", synonyms=("状态",), example="征集中"),
            *region_cols("需求单位"),
            Col("contact_person", example="张三"),
            Col("contact_phone", example="0375-1234567"),
        ],
    ),
    Kind(
        name="tech-contracts",
        model_label="achievements.Contract",
        key=("contract_no",),
        columns=[
            Col(
                "contract_no",
                synonyms=("登记编号", "合同编号", "合同登记号", "技术合同登记编号"),
                example="2024410400000123",
            ),
            Col("name", synonyms=("项目名称", "技术合同名称"), example="尼龙66连续聚合技术开发"),
            Col("kind", synonyms=("技术合同类型", "合同类别"), example="技术开发"),
            *party_cols(
                "seller", "卖方", {"seller": ORG_EXAMPLE, "seller_name": "平顶山示例科技有限公司"}
            ),
            *party_cols(
                "buyer",
                "买方",
                {"buyer_name": "郑州示例机械有限公司", "buyer_region_text": "郑州市"},
            ),
            Col("signed_on", synonyms=("签订时间", "合同签订日期"), example="2024-03-01"),
            Col("registered_on", synonyms=("登记时间", "认定登记日期"), example="2024-03-15"),
            Col(
                "contract_value_wan",
                synonyms=("合同金额（万元）", "成交金额（万元）"),
                example=120,
            ),
            Col(
                "transaction_value_wan",
                synonyms=("核定技术交易额（万元）", "技术交易金额（万元）"),
                example=100,
                help="不大于合同成交额",
            ),
            Col("field", synonyms=("所属技术领域",), example="新材料"),
        ],
    ),
]


def achievement_owner_name(obj) -> str:
    return obj.achievement.owner.name


KINDS += [
    Kind(
        name="appraisals",
        model_label="achievements.Appraisal",
        key=("achievement", "kind", "appraised_on"),
        help="按成果名称、类型和评价日期识别成果评价",
        columns=[
            Col(
                "achievement",
                header="成果名称",
                lookup="title",
                synonyms=("科技成果", "科技成果名称", "项目名称"),
                example="尼龙66连续聚合工艺",
                help="已登记的科技成果名称，须与系统中的名称一致",
                get=lambda obj: obj.achievement.title,
            ),
            Col(
                "achievement_owner",
                header="成果持有单位",
                type=INFO,
                synonyms=("成果持有单位名称", "完成单位"),
                example="平顶山示例科技有限公司",
                get=achievement_owner_name,
            ),
            Col("kind", synonyms=("评价类型", "鉴定/评价"), example="评价"),
            Col(
                "organised_by",
                synonyms=("组织鉴定单位", "组织评价单位", "评价机构"),
                example="平顶山市科学技术局",
            ),
            Col(
                "appraised_on",
                synonyms=("鉴定日期", "评价时间", "鉴定时间"),
                example="2023-09-01",
                help="不晚于今天",
            ),
            Col("conclusion", synonyms=("鉴定结论", "评价水平", "技术水平"), example="国内领先"),
            Col("advancement", maximum=100, synonyms=("先进性评分",), example=85),
            Col("maturity", maximum=100, synonyms=("成熟度评分",), example=80),
            Col("market_prospects", maximum=100, synonyms=("市场前景",), example=78),
            Col("ip_strength", maximum=100, synonyms=("知识产权强度",), example=82),
            Col(
                "score",
                maximum=100,
                synonyms=("总分", "综合得分"),
                help="留空且四项评分齐全时取四项平均值（四舍五入）",
            ),
            Col("experts", synonyms=("评价专家组", "鉴定专家"), help="每行一人：姓名、单位、职称"),
            Col("summary", synonyms=("鉴定意见", "评价结论意见")),
        ],
    ),
]
