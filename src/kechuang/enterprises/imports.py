"""Import kinds of the enterprises registry: enterprises, annual data, qualifications.

Enterprises are identified by their organisation's 统一社会信用代码; the 企业名称 column is for
people reading the sheet (the registry's name is kept)."""

from kechuang.imports.kinds import INFO, Col, Kind

USCC_SYNONYMS = ("社会信用代码", "信用代码", "企业统一社会信用代码")


def enterprise_col(key="enterprise"):
    return Col(
        key,
        header="统一社会信用代码",
        lookup="org__uscc",
        synonyms=USCC_SYNONYMS,
        example="91410400MA44XXXXXX",
        help="企业须已在“企业”登记",
        get=lambda obj: obj.enterprise.org.uscc,
    )


def name_col(path=("enterprise", "org", "name")):
    def get(obj):
        for part in path:
            obj = getattr(obj, part)
        return obj

    return Col(
        "enterprise_name",
        header="企业名称",
        type=INFO,
        synonyms=("单位名称", "企业"),
        example="平顶山示例科技有限公司",
        get=get,
    )


KINDS = [
    Kind(
        name="enterprises",
        model_label="enterprises.Enterprise",
        key=("org",),
        columns=[
            Col(
                "org",
                header="统一社会信用代码",
                lookup="uscc",
                synonyms=USCC_SYNONYMS,
                help="法人单位须已登记（可先导入“法人单位”）",
                get=lambda obj: obj.org.uscc,
            ),
            name_col(("org", "name")),
            Col("tech_field"),
            Col("industry"),
            Col("main_products"),
            Col("listed", aliases={True: ("已上市",), False: ("未上市",)}),
            Col("description"),
        ],
    ),
    Kind(
        name="enterprise-annual",
        model_label="enterprises.AnnualData",
        key=("enterprise", "year"),
        columns=[
            enterprise_col(),
            name_col(),
            Col("year", example=2024),
            Col("employees", example=120),
            Col("st_staff", example=30, synonyms=("科技人员", "研发人员数")),
            Col("sales_revenue_wan", example=5000, synonyms=("营业收入（万元）", "销售收入")),
            Col("total_income_wan", example=5200),
            Col("total_assets_wan", example=6000),
            Col("net_assets_wan", example=3000),
            Col("cost_expense_total_wan", example=4500),
            Col(
                "rd_expense_wan", example=250, synonyms=("研发经费支出（万元）", "研发投入（万元）")
            ),
            Col("rd_expense_in_china_wan", example=250),
            Col("high_tech_income_wan", example=3500),
            Col("class1_ip", example=2),
            Col("class2_ip", example=5),
            Col("new_product_revenue_wan", example=1500),
            Col("export_wan", example=0),
            Col(
                "above_scale",
                aliases={True: ("规上", "规模以上"), False: ("规下", "规模以下")},
                example="是",
            ),
        ],
    ),
    Kind(
        name="qualifications",
        model_label="enterprises.Qualification",
        key=("enterprise", "kind", "year"),
        columns=[
            enterprise_col(),
            name_col(),
            Col(
                "kind",
                aliases={
                    "high_tech": ("高企",),
                    "shuangbai": ("创新双百企业", "双百企业"),
                    "chuying": ("科技雏鹰企业", "雏鹰企业"),
                    "specialised": ("专精特新",),
                },
                example="高新技术企业",
            ),
            Col("number", example="GR202441000123"),
            Col("year", example=2024),
            Col("issued_on", example="2024-12-01"),
            Col("valid_until", help="留空时按类型自动计算"),
            Col("revoked_on"),
            Col("note"),
        ],
    ),
]
