"""Import kinds of the talents registry: talents and 科技特派员.

A talent is identified by the resident ID number (身份证号码), the one identifier the registry keeps
unique; a commissioner by its name together with the sending organisation (派出单位), since a
service group (产业服务团) has no ID number. Organisations are matched by 统一社会信用代码 and regions
by 区划代码; the name columns next to the codes are for people reading the sheet.

Not imported: teams, honours, assignments, service logs and assessments (other models; a service
log has no natural key: no number, and nothing unique about the day, the place and the
commissioner).
"""

from kechuang.imports.kinds import INFO, Col, Kind

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
    """The region by 区划代码 and its name for reading. Required although the model defaults it
    from the owner: the engine checks a new row's scope before clean() fills that default in."""
    return [
        Col(
            "region",
            header=f"{label}代码",
            lookup="code",
            required=True,
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
            Col("gender", example="男", help="须与身份证号码第 17 位一致"),
            Col(
                "birth_year",
                synonyms=("出生年", "出生年度"),
                example=1985,
                help="须与身份证号码中的出生年份一致",
            ),
            Col("phone", synonyms=("手机号码", "手机", "联系方式"), example="13812345678"),
            Col("category", synonyms=("人才类型", "类别"), example="本土人才（“千帆”）"),
            Col("title", synonyms=("职称级别", "专业技术职称"), example="副高级"),
            Col("education", synonyms=("最高学历",), example="硕士研究生"),
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
            Col("kind", synonyms=("特派员类型",), example="个人"),
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
            Col("active", synonyms=("是否在岗", "在岗状态"), example="是"),
        ],
    ),
]
