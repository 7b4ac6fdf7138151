"""Import kinds of the industry chains: chains and their links.

A chain is identified by its name (unique in the registry); a link by its chain and its name,
because what is attached to a link (enterprises, platforms, talents, funds) belongs to the named
link, not to its place in the order: a sheet that renumbers or renames links must fail on the
顺序 check rather than silently hand one link's attachments to another. Not imported: those
attachments (many-to-many).
"""

from kechuang.imports.kinds import Col, Kind

KINDS = [
    Kind(
        name="chains",
        model_label="chains.Chain",
        key=("name",),
        columns=[
            Col("name", synonyms=("产业链", "链条名称"), example="尼龙新材料产业链"),
            Col("industry", synonyms=("所属产业", "产业领域"), example="尼龙新材料"),
            Col("leader", synonyms=("链长姓名", "链长（职务）"), example="张三（副市长）"),
            Col(
                "task_force", synonyms=("专班", "工作专班名称"), example="尼龙新材料产业链工作专班"
            ),
            Col("description", synonyms=("产业链简介",)),
        ],
    ),
    Kind(
        name="chain-links",
        model_label="chains.Link",
        key=("chain", "name"),
        help="按产业链名称和环节名称识别环节",
        columns=[
            Col(
                "chain",
                lookup="name",
                synonyms=("产业链名称", "所属产业链"),
                example="尼龙新材料产业链",
                help="已登记的产业链名称",
                get=lambda obj: obj.chain.name,
            ),
            Col(
                "name",
                synonyms=("环节", "产业链环节"),
                example="尼龙66盐",
                help="与产业链名称一起识别环节；改名请在系统中修改",
            ),
            Col(
                "position",
                minimum=1,
                synonyms=("序号", "环节顺序", "排序"),
                example=1,
                help="从上游到下游，1 为最上游；同一产业链内不能重复",
            ),
            Col("stage", synonyms=("上中下游", "所处位置"), example="中游"),
            Col("description", synonyms=("环节说明",)),
        ],
    ),
]
