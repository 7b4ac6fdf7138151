"""Write the matching evaluation set (src/kechuang/matching/data/eval_*.jsonl).

    .venv/bin/python scripts/matching/make_evalset.py

Every "object × aspect" combination of scripts/matching/domain.py becomes one achievement, written
with one of the object's and the aspect's names; one "overview" achievement per object adds
distractors that share the object's words only. 240 combinations (24 per key industry) also become
a demand whose single relevant achievement is that combination's. A third of the pairs are
"reworded": the demand names the object (and, where the aspect has variants, the aspect) differently
from the achievement (abbreviation, older name, trade name), so the key terms are not shared
literally. Seeded: running it again gives the same files.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from domain import FAMILIES

OUT = Path(__file__).resolve().parents[2] / "src" / "kechuang" / "matching" / "data"
SEED = 8
DEMANDS_PER_INDUSTRY = 24

PLACES = ["平顶山高新区", "舞钢市", "叶县", "宝丰县", "汝州市", "郏县", "鲁山县", "新华区", "卫东区",
          "湛河区", "石龙区", "城乡一体化示范区"]  # fmt: skip
HOLDERS = ["某高校材料学院团队", "省级工程技术研究中心", "企业技术中心", "重点实验室团队",
           "市级新型研发机构", "产学研联合团队", "中试基地", "科研院所课题组"]  # fmt: skip
STAGES = ["中试", "工业化试验", "示范应用", "小批量生产", "规模化应用", "工程样机验证"]
GOALS = ["提高产品质量稳定性", "降低生产成本", "实现进口替代", "满足下游客户的认证要求",
         "扩大高端产品比例", "提升市场竞争力", "满足环保和安全生产要求"]  # fmt: skip
MODES = ["技术转让", "联合开发", "委托开发", "技术许可", "技术服务", "共建研发平台"]

ACH_TITLES = [
    "{o}{a}关键技术",
    "{o}{a}技术及产业化",
    "一种{o}的{a}方法",
    "{o}{a}工艺与装备",
    "高性能{o}{a}技术研究",
    "{a}技术在{o}中的应用",
    "{o}{a}成套技术",
    "面向{o}的{a}系统",
]
ACH_BODIES = [
    "{h}针对{o}{p}的问题，{m}，{e}。成果已在{place}完成{stage}，拥有发明专利{k}项。",
    "本成果面向{o}领域，{m}。经第三方检测，{e}。可提供{mode}。",
    "{o}{p}是行业共性难题。{h}研究了{a}技术，{m}，{e}，已完成{stage}。",
    "成果围绕{o}的{a}开展研究：{m}。应用结果表明，{e}，具有较好的推广前景。",
    "{h}长期从事{o}相关研究，{m}，{e}。已在{place}企业{stage}，可{mode}。",
]
DEM_TITLES = [
    "{o}{a}技术需求",
    "寻求{o}{a}技术",
    "{o}{a}技术攻关",
    "关于{o}{a}的合作需求",
    "征集{o}{a}解决方案",
    "{o}生产中{a}问题的技术需求",
]
DEM_BODIES = [
    "我公司是{place}一家从事{o}生产的企业，目前{p}。希望寻求{a}方面的成熟技术或合作团队，{g}。",
    "企业现有{o}生产线{n}条，{p}，拟通过{a}解决，预算{b}万元，可采用{mode}方式。",
    "在{o}的生产和应用中，{p}，亟需引进{a}技术，要求技术成熟度较高、一年内可工程化应用。",
    "我单位主导产品为{o}，{p}。现面向高校和科研院所征集{a}技术，{g}。",
    "{p}，已成为制约我厂{o}产品升级的瓶颈。希望开展{a}合作，{g}，合作方式为{mode}。",
]
OVERVIEW_TITLES = ["{o}新产品开发与产业化", "{o}生产线智能化升级", "年产万吨级{o}项目关键技术集成",
                   "{o}系列产品开发", "{o}产业化示范"]  # fmt: skip
OVERVIEW_BODIES = [
    "{h}围绕{o}开展了配方、工艺和装备的系统研究，形成了系列化产品，已在{place}建成示范生产线。",
    "项目以{o}为主导产品，完成了生产线建设和产品开发，产品已进入多家下游企业供应链，可提供{mode}。",
]


def names(spec: str) -> list[str]:
    return [n.strip() for n in spec.split("|") if n.strip()]


def parse_aspect(spec: str) -> dict:
    head, problem, method, effect = (part.strip() for part in spec.split(";"))
    return {"names": names(head), "p": problem, "m": method, "e": effect}


def distinct_pairs(options: list[str]) -> list[tuple[str, str]]:
    return [(x, y) for x in options for y in options if x not in y and y not in x]


def pick_name(rng: random.Random, options: list[str]) -> str:
    """The usual name more often than the variants, as in real texts."""
    return options[0] if rng.random() < 0.55 else rng.choice(options)


def achievement_text(rng, o: str, asp: dict, a: str) -> tuple[str, str]:
    title = rng.choice(ACH_TITLES).format(o=o, a=a)
    body = rng.choice(ACH_BODIES).format(
        o=o, a=a, p=asp["p"], m=asp["m"], e=asp["e"], h=rng.choice(HOLDERS),
        place=rng.choice(PLACES), stage=rng.choice(STAGES), k=rng.randint(1, 6),
        mode=rng.choice(MODES),
    )  # fmt: skip
    return title, body


def demand_text(rng, o: str, asp: dict, a: str) -> tuple[str, str]:
    title = rng.choice(DEM_TITLES).format(o=o, a=a)
    body = rng.choice(DEM_BODIES).format(
        o=o, a=a, p=asp["p"], g=rng.choice(GOALS), place=rng.choice(PLACES),
        n=rng.randint(2, 8), b=rng.choice([50, 80, 100, 150, 200, 300, 500]),
        mode=rng.choice(MODES),
    )  # fmt: skip
    return title, body


def main() -> None:
    rng = random.Random(SEED)
    combos = []  # (industry, field, object names, aspect)
    objects = []  # (industry, field, object names)
    for industry, families in FAMILIES.items():
        for family in families:
            aspects = [parse_aspect(s) for s in family["aspects"]]
            for spec in family["objects"]:
                objects.append((industry, family["field"], names(spec)))
                for asp in aspects:
                    combos.append((industry, family["field"], names(spec), asp))

    # Which combinations become demands, and which of those are reworded (exactly a third + 1).
    chosen = []
    for industry in FAMILIES:
        pool = [i for i, c in enumerate(combos) if c[0] == industry]
        chosen.extend(rng.sample(pool, DEMANDS_PER_INDUSTRY))
    rng.shuffle(chosen)
    n_reworded = len(chosen) // 3 + 1
    # Only products with two names neither inside the other can be reworded ("仿制药" cannot).
    rewordable = [i for i in chosen if distinct_pairs(combos[i][2])]
    reworded = set(rewordable[:n_reworded])
    demanded = set(chosen)

    order = list(range(len(combos))) + [("overview", i) for i in range(len(objects))]
    rng.shuffle(order)
    achievements, combo_to_id = [], {}
    demand_names = {}  # combo index -> (object name, aspect name) the demand will use
    for number, item in enumerate(order, 1):
        aid = f"A{number:04d}"
        if isinstance(item, tuple):
            industry, field, onames = objects[item[1]]
            o = pick_name(rng, onames)
            title = rng.choice(OVERVIEW_TITLES).format(o=o)
            body = rng.choice(OVERVIEW_BODIES).format(
                o=o, h=rng.choice(HOLDERS), place=rng.choice(PLACES), mode=rng.choice(MODES)
            )
            keywords = [o, rng.choice(["产业化", "新产品", "生产线"])]
        else:
            industry, field, onames, asp = combos[item]
            if item in reworded:
                # Both sides use different names, neither inside the other ("医学影像设备" vs
                # "影像设备" would still share a literal term).
                o, o_demand = rng.choice(distinct_pairs(onames))
                a, a_demand = rng.choice(distinct_pairs(asp["names"]) or [(asp["names"][0],) * 2])
                demand_names[item] = (o_demand, a_demand)
            else:
                o, a = pick_name(rng, onames), pick_name(rng, asp["names"])
                if item in demanded:
                    demand_names[item] = (o, a)
            title, body = achievement_text(rng, o, asp, a)
            keywords = [o, a]
            combo_to_id[item] = aid
        trl = rng.choice([3, 4, 5, 5, 6, 6, 7, 7, 8, 9]) if rng.random() < 0.92 else None
        achievements.append(
            {"id": aid, "title": title, "description": body, "keywords": keywords,
             "field": field, "industry": industry, "trl": trl}
        )  # fmt: skip

    demands = []
    for number, item in enumerate(chosen, 1):
        industry, field, onames, asp = combos[item]
        o, a = demand_names[item]
        title, body = demand_text(rng, o, asp, a)
        demand = {"id": f"D{number:03d}", "title": title, "description": body}
        if rng.random() < 0.6:
            demand["keywords"] = [o, a] if rng.random() < 0.7 else [o]
        # Demands on the platform often leave the field (and sometimes the industry) blank.
        if rng.random() < 0.7:
            demand["field"] = field
        if rng.random() < 0.8:
            demand["industry"] = industry
        demand["relevant"] = [combo_to_id[item]]
        demand["reworded"] = item in reworded
        demands.append(demand)

    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("eval_achievements.jsonl", achievements), ("eval_demands.jsonl", demands)):
        with open(OUT / name, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(
        f"{len(achievements)} achievements ({len(combos)} combinations + {len(objects)} overviews), "
        f"{len(demands)} demands ({n_reworded} reworded) → {OUT}"
    )


if __name__ == "__main__":
    main()
