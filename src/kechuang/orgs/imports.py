"""Import kinds of the organisations registry."""

from kechuang.imports.kinds import Col, Kind

# 国民经济行业分类 sections are also written without their letter ("制造业" for "C 制造业").
INDUSTRY_ALIASES = {
    "A": ("农、林、牧、渔业",),
    "B": ("采矿业",),
    "C": ("制造业",),
    "D": ("电力、热力、燃气及水生产和供应业",),
    "E": ("建筑业",),
    "F": ("批发和零售业",),
    "G": ("交通运输、仓储和邮政业",),
    "H": ("住宿和餐饮业",),
    "I": ("信息传输、软件和信息技术服务业",),
    "J": ("金融业",),
    "K": ("房地产业",),
    "L": ("租赁和商务服务业",),
    "M": ("科学研究和技术服务业",),
    "N": ("水利、环境和公共设施管理业",),
    "O": ("居民服务、修理和其他服务业",),
    "P": ("教育",),
    "Q": ("卫生和社会工作",),
    "R": ("文化、体育和娱乐业",),
    "S": ("公共管理、社会保障和社会组织",),
    "T": ("国际组织",),
}

KINDS = [
    Kind(
        name="orgs",
        model_label="orgs.Org",
        key=("uscc",),
        columns=[
            Col("name", example="平顶山示例科技有限公司"),
            Col("uscc", example="91410400MA44XXXXXX"),
            Col("kind"),
            Col(
                "industry",
                aliases=INDUSTRY_ALIASES,
                aliases_help="也可只写门类名称，不带字母，如“制造业”",
            ),
            Col(
                "region",
                header="区划代码",
                lookup="code",
                synonyms=("所在区划代码", "行政区划代码", "所在区划"),
                example="410402001",
                help="乡镇（街道）9 位或县（市、区）6 位国家统计局区划代码",
            ),
            Col("address"),
            Col("legal_representative"),
            Col("contact_person"),
            Col("contact_phone"),
            Col("established_on"),
            Col("registered_capital_wan"),
            Col("description"),
        ],
    )
]
