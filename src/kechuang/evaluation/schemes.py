"""Scheme definitions (指标体系) as data: parse, validate with Chinese messages, build the engine tree.

A definition is a dict (from YAML or JSON)::

    code / name / platform_kind / example / description / source
    window: 3                 # years of approved annual reports used: the run's year and 2 before
    missing: zero             # refuse | mean | median | zero — how a gap in a report is filled
    outliers: false           # winsorise skewed indicators (COINr's rule) before normalising
    grading:
      bands: [[90, 优秀], [75, 良好], [60, 合格], [null, 不合格]]   # lower bounds, best first
      quotas: {优秀: 0.2}     # at most this share of those evaluated hold this grade or better
    proposals: {警告: [合格], 撤销: [不合格]}   # grades that propose 警告 / 撤销
    consecutive_warnings: 2   # this many 警告 in a row (published runs) propose 撤销
    floors:                   # hard floors: failing one proposes 撤销 whatever the score
      - {field: rd_spend_wan, agg: sum, min: 0.01, reason: 无研发投入}
    exemptions: [high_tech, gazelle, above_scale]   # host qualities that pass automatically
    tree:                     # nodes have children; leaves have a source
      - code: rd
        name: 研发投入
        weight: 40
        weighting: fixed      # fixed (the children's weights) | ahp (+ pairwise) | entropy | critic
                          # (also at the top level, for the first-level indicators)
        children:
          - {code: rd_spend, name: 研发经费支出, source: {field: rd_spend_wan, agg: sum},
             direction: up, normalization: minmax, weight: 0.6}

A leaf's source is a field of the platform annual report aggregated over the window (``agg``:
sum, mean or last), or a ratio of two fields' sums (``ratio: [numerator, denominator]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kechuang.evaluation import engine

# Numeric fields of the platform annual report a leaf may use, with their Chinese labels.
REPORT_FIELDS = {
    "rd_spend_wan": "研发投入（万元）",
    "staff": "固定人员（人）",
    "researchers": "研究人员（人）",
    "senior_researchers": "高级职称人员（人）",
    "projects": "在研项目数（项）",
    "project_funding_wan": "项目经费（万元）",
    "patents_applied": "专利申请数（件）",
    "patents_granted": "专利授权数（件）",
    "invention_patents_granted": "发明专利授权数（件）",
    "achievements_transferred": "成果转化数（项）",
    "transfer_income_wan": "成果转化收入（万元）",
    "cooperation_projects": "产学研合作项目数（项）",
    "income_wan": "技术性收入（万元）",
    "equipment_value_wan": "仪器设备原值（万元）",
    "standards": "制定标准数（项）",
    "papers": "发表论文数（篇）",
}
AGGREGATES = {"sum": "合计", "mean": "年均", "last": "评价年度"}
NORMALIZATIONS = {
    "minmax": "极差标准化",
    "zscore": "Z 分数",
    "vector": "向量归一化",
    "sum": "比重法",
    "max": "最大值法",
    "goalpost": "阈值法（上下限）",
    "reference": "参照值法（达标率，封顶）",
    "bands": "分档赋分",
}
WEIGHTINGS = {
    "fixed": "给定权重",
    "ahp": "层次分析法（AHP）",
    "entropy": "熵权法",
    "critic": "CRITIC 法",
}
MISSING = {"refuse": "拒绝计算", "mean": "均值插补", "median": "中位数插补", "zero": "按零计"}
EXEMPTIONS = {
    "high_tech": "依托单位为有效期内的高新技术企业",
    "gazelle": "依托单位为瞪羚企业",
    "shuangbai": "依托单位为创新“双百”（创新龙头）企业",
    "above_scale": "依托单位为规模以上企业（研发数据经审计）",
}
PROPOSAL_LABELS = {"警告": "warning", "撤销": "revoke"}
CR_LIMIT = 0.1


class SchemeError(ValueError):
    """A definition that cannot be saved or run; `errors` are Chinese messages naming the place."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("；".join(errors))


@dataclass
class LeafSpec:
    code: str
    name: str
    source: dict
    direction: int
    normalization: str
    params: dict | None
    weight: float
    unit: str = ""

    @property
    def fields(self) -> list[str]:
        return list(self.source.get("ratio") or [self.source["field"]])

    def describe_source(self) -> str:
        if "ratio" in self.source:
            a, b = self.source["ratio"]
            return f"{REPORT_FIELDS[a]} ÷ {REPORT_FIELDS[b]}"
        agg = AGGREGATES[self.source.get("agg", "sum")]
        return f"{REPORT_FIELDS[self.source['field']]}（{agg}）"


@dataclass
class NodeSpec:
    code: str
    name: str
    weight: float
    weighting: str = "fixed"
    aggregation: str = "weighted_sum"
    pairwise: list | None = None
    children: list = field(default_factory=list)
    cr: float | None = None


def _number(value, where: str, errors: list[str], *, minimum: float | None = None):
    if isinstance(value, bool) or not isinstance(value, int | float):
        errors.append(f"{where}应为数字，现为“{value}”")
        return None
    if not np.isfinite(value) or (minimum is not None and value < minimum):
        errors.append(f"{where}应为不小于 {minimum:g} 的数字，现为 {value}")
        return None
    return float(value)


def parse(definition: dict) -> tuple[NodeSpec, list[LeafSpec]]:
    """The tree of a definition, checked; raises SchemeError listing every problem at once."""
    errors: list[str] = []
    if not isinstance(definition, dict):
        raise SchemeError(["体系定义应为键值结构（YAML 映射或 JSON 对象）"])
    for key in ("code", "name"):
        if not str(definition.get(key) or "").strip():
            errors.append(f"缺少“{key}”（体系{'编号' if key == 'code' else '名称'}）")
    window = definition.get("window", 1)
    if not isinstance(window, int) or isinstance(window, bool) or not 1 <= window <= 5:
        errors.append(f"window（数据期年数）应为 1–5 的整数，现为“{window}”")
    if definition.get("missing", "zero") not in MISSING:
        errors.append(f"missing（缺失值处理）只能为 {'、'.join(MISSING)}")
    for name in definition.get("exemptions") or []:
        if name not in EXEMPTIONS:
            errors.append(f"exemptions 中的“{name}”无效，可选：{'、'.join(EXEMPTIONS)}")
    labels = _check_grading(definition.get("grading"), errors)
    for proposal, grades in (definition.get("proposals") or {}).items():
        if proposal not in PROPOSAL_LABELS:
            errors.append(f"proposals 的键只能为 警告、撤销，现为“{proposal}”")
        for grade in grades or []:
            if labels and grade not in labels:
                errors.append(f"proposals 中的等级“{grade}”不在分级 {'、'.join(labels)} 之中")
    for i, floor in enumerate(definition.get("floors") or [], 1):
        where = f"第 {i} 条底线（floors）"
        if not isinstance(floor, dict) or floor.get("field") not in REPORT_FIELDS:
            errors.append(f"{where}的 field 应为年报字段之一：{'、'.join(REPORT_FIELDS)}")
            continue
        if floor.get("agg", "sum") not in AGGREGATES:
            errors.append(f"{where}的 agg 只能为 {'、'.join(AGGREGATES)}")
        _number(floor.get("min"), f"{where}的 min", errors)
    tree = definition.get("tree")
    if not isinstance(tree, list) or not tree:
        errors.append("tree（指标树）不能为空")
        raise SchemeError(errors)
    leaves: list[LeafSpec] = []
    codes: set[str] = set()
    root = NodeSpec(
        code="total",
        name=str(definition.get("name") or "总分"),
        weight=1.0,
        weighting=definition.get("weighting", "fixed"),
        aggregation=definition.get("aggregation", "weighted_sum"),
        pairwise=definition.get("pairwise"),
    )
    root.children = [_parse_node(item, "指标树", leaves, codes, errors) for item in tree]
    _check_weighting(root, definition, errors)
    if errors:
        raise SchemeError(errors)
    return root, leaves


def _parse_node(item, where: str, leaves: list, codes: set, errors: list):
    if not isinstance(item, dict):
        errors.append(f"{where}中有一项不是键值结构")
        return NodeSpec(code="?", name="?", weight=0)
    code = str(item.get("code") or "").strip()
    name = str(item.get("name") or code).strip()
    label = f"指标“{name or '?'}”"
    if not code:
        errors.append(f"{where}中{label}缺少 code")
    elif code in codes or code == "total":
        errors.append(f"指标代码“{code}”重复")
    codes.add(code)
    weight = _number(item.get("weight", 1), f"{label}的权重", errors, minimum=0) or 0.0
    children = item.get("children")
    if children is not None:
        node = NodeSpec(
            code=code,
            name=name,
            weight=weight,
            weighting=item.get("weighting", "fixed"),
            aggregation=item.get("aggregation", "weighted_sum"),
            pairwise=item.get("pairwise"),
        )
        if node.aggregation not in ("weighted_sum", "geometric"):
            errors.append(f"{label}的 aggregation 只能为 weighted_sum 或 geometric")
        if not isinstance(children, list) or not children:
            errors.append(f"{label}的下级指标（children）不能为空")
            return node
        node.children = [_parse_node(c, label, leaves, codes, errors) for c in children]
        _check_weighting(node, item, errors)
        return node
    source = item.get("source")
    leaf = LeafSpec(
        code=code,
        name=name,
        source=source if isinstance(source, dict) else {},
        direction=-1 if item.get("direction") in ("down", -1, "逆向") else 1,
        normalization=item.get("normalization", "minmax"),
        params=item.get("params"),
        weight=weight,
        unit=str(item.get("unit") or ""),
    )
    _check_source(leaf, label, errors)
    if leaf.normalization not in NORMALIZATIONS:
        errors.append(
            f"{label}的标准化方法“{leaf.normalization}”无效，可选：{'、'.join(NORMALIZATIONS)}"
        )
    elif leaf.normalization in ("goalpost", "reference", "bands"):
        _check_params(leaf, label, errors)
    leaves.append(leaf)
    return leaf


def _check_source(leaf: LeafSpec, label: str, errors: list) -> None:
    source = leaf.source
    if "ratio" in source:
        pair = source["ratio"]
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or any(f not in REPORT_FIELDS for f in pair)
        ):
            errors.append(
                f"{label}的 ratio 应为两个年报字段（分子、分母），可选：{'、'.join(REPORT_FIELDS)}"
            )
        return
    if source.get("field") not in REPORT_FIELDS:
        errors.append(
            f"{label}的数据来源 field “{source.get('field')}”无效，可选年报字段：{'、'.join(REPORT_FIELDS)}"
        )
    if source.get("agg", "sum") not in AGGREGATES:
        errors.append(f"{label}的 agg 只能为 {'、'.join(AGGREGATES)}")


def _check_params(leaf: LeafSpec, label: str, errors: list) -> None:
    params = leaf.params if isinstance(leaf.params, dict) else {}
    if leaf.normalization == "goalpost":
        low, high = params.get("low"), params.get("high")
        if (
            _number(low, f"{label}的下限 low", errors) is None
            or _number(high, f"{label}的上限 high", errors) is None
        ):
            return
        if high <= low:
            errors.append(f"{label}的上限 high（{high}）应大于下限 low（{low}）")
    elif leaf.normalization == "reference":
        if (_number(params.get("reference"), f"{label}的参照值 reference", errors) or 0) <= 0:
            errors.append(f"{label}的参照值 reference 应大于 0")
    else:
        bands = params.get("bands")
        if not isinstance(bands, list) or not bands:
            errors.append(f"{label}的分档（bands）应为 [[下限, 分值], …]")
            return
        for band in bands:
            if not isinstance(band, list) or len(band) != 2:
                errors.append(f"{label}的分档“{band}”应为 [下限, 分值]")
                return
            _number(band[0], f"{label}的分档下限", errors)
            _number(band[1], f"{label}的分档分值", errors, minimum=0)


def _check_weighting(node: NodeSpec, item: dict, errors: list) -> None:
    label = f"指标“{node.name}”" if node.code != "total" else "一级指标"
    if node.weighting not in WEIGHTINGS:
        errors.append(f"{label}的赋权方法“{node.weighting}”无效，可选：{'、'.join(WEIGHTINGS)}")
        return
    if node.weighting in ("entropy", "critic") and any(
        isinstance(c, NodeSpec) for c in node.children
    ):
        errors.append(f"{label}使用{WEIGHTINGS[node.weighting]}时，下级只能是末级指标")
    if node.weighting == "fixed" and node.children and sum(c.weight for c in node.children) <= 0:
        errors.append(f"{label}的下级指标权重之和应大于 0")
    if node.weighting == "ahp":
        ahp_problem = ahp_check(node)
        if ahp_problem:
            errors.append(f"{label}：{ahp_problem}")


def ahp_check(node: NodeSpec) -> str | None:
    """Set the children's weights from the pairwise matrix; the Chinese problem if it is unusable."""
    n = len(node.children)
    try:
        matrix = np.array(node.pairwise, dtype=float)
    except (TypeError, ValueError):
        return "判断矩阵（pairwise）应为数字方阵"
    if matrix.shape != (n, n):
        return f"判断矩阵应为 {n}×{n}（下级指标 {n} 项），现为 {'×'.join(map(str, matrix.shape))}"
    try:
        weights, cr = engine.ahp_weights(matrix)
    except ValueError as exc:
        return f"判断矩阵无效（{exc}）"
    node.cr = float(cr)
    if cr >= CR_LIMIT:
        i, j = engine.ahp_most_inconsistent(matrix)
        a, b = node.children[i].name, node.children[j].name
        implied = weights[i] / weights[j]
        return (
            f"判断矩阵一致性比率 CR = {cr:.3f}，不小于 {CR_LIMIT}，不能保存或运行。"
            f"最不一致的判断是“{a}”相对“{b}”的 {matrix[i, j]:g}"
            f"（其余判断所隐含的约为 {implied:.2f}），请修改后重试"
        )
    for child, w in zip(node.children, weights, strict=True):
        child.weight = float(w)
    return None


def _check_grading(grading, errors: list) -> list[str]:
    if not isinstance(grading, dict) or not isinstance(grading.get("bands"), list):
        errors.append("grading.bands（分级）应为 [[分数下限, 等级], …]，最后一档下限为 null")
        return []
    labels, previous = [], None
    for band in grading["bands"]:
        if not isinstance(band, list) or len(band) != 2 or not str(band[1]).strip():
            errors.append(f"分级“{band}”应为 [分数下限, 等级名称]")
            continue
        lower, label = band
        labels.append(str(label))
        if lower is None:
            continue
        value = _number(lower, f"等级“{label}”的分数下限", errors)
        if value is not None and previous is not None and value >= previous:
            errors.append("分级应按分数从高到低排列（下限递减）")
        previous = value if value is not None else previous
    if (
        grading["bands"]
        and isinstance(grading["bands"][-1], list)
        and grading["bands"][-1][0] is not None
    ):
        errors.append("最后一档的分数下限应为 null（兜底等级）")
    for label, share in (grading.get("quotas") or {}).items():
        if label not in labels:
            errors.append(f"名额比例中的等级“{label}”不在分级之中")
        elif (
            _number(share, f"等级“{label}”的名额比例", errors, minimum=0) is not None and share > 1
        ):
            errors.append(f"等级“{label}”的名额比例应在 0–1 之间，现为 {share}")
    return labels


def engine_tree(root: NodeSpec, leaves: list[LeafSpec], X: np.ndarray | None = None):
    """The engine's tree for `root`; entropy/CRITIC nodes take their children's weights from the
    data in `X` (columns in `leaves` order). Returns (tree, weights used per node code)."""
    column = {leaf.code: i for i, leaf in enumerate(leaves)}
    used: dict[str, dict[str, float]] = {}

    def build(spec):
        if isinstance(spec, LeafSpec):
            return engine.Leaf(
                code=spec.code,
                column=column[spec.code],
                weight=spec.weight,
                direction=spec.direction,
                normalization=spec.normalization,
                params=spec.params,
            )
        weights = [c.weight for c in spec.children]
        if spec.weighting in ("entropy", "critic") and X is not None:
            cols = [column[c.code] for c in spec.children]
            sub, _mask = engine.impute(X[:, cols], "mean")
            directions = np.array([c.direction for c in spec.children], dtype=float)
            try:
                fn = (
                    engine.entropy_weights if spec.weighting == "entropy" else engine.critic_weights
                )
                weights = [float(w) for w in fn(sub, directions)]
            except ValueError:
                # Too little variation to weigh objectively (e.g. a constant column): equal weights.
                weights = [1.0] * len(spec.children)
        total = sum(weights) or 1.0
        used[spec.code] = {c.code: w / total for c, w in zip(spec.children, weights, strict=True)}
        children = []
        for child, w in zip(spec.children, weights, strict=True):
            built = build(child)
            children.append(_with_weight(built, w / total))
        return engine.Node(
            code=spec.code,
            children=tuple(children),
            weight=spec.weight,
            aggregation=spec.aggregation,
        )

    return build(root), used


def _with_weight(item, weight: float):
    from dataclasses import replace

    return replace(item, weight=weight)


def walk(root: NodeSpec, depth: int = 0, parent_weight: float = 1.0):
    """(depth, spec, local weight, global weight) for every node below `root`, depth first."""
    total = sum(c.weight for c in root.children) or 1.0
    for child in root.children:
        local = child.weight / total
        yield depth, child, local, parent_weight * local
        if isinstance(child, NodeSpec):
            yield from walk(child, depth + 1, parent_weight * local)
