"""Import kinds of the organisations registry."""

from kechuang.imports.kinds import Col, Kind

KINDS = [
    Kind(
        name="orgs",
        model_label="orgs.Org",
        key=("uscc",),
        columns=[
            Col("name", example="平顶山示例科技有限公司"),
            Col("uscc", example="91410400MA44XXXXXX"),
            Col("kind"),
            Col("industry"),
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
