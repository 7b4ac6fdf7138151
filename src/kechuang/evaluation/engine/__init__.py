"""Composite-evaluation engine (综合评价): numpy only, importable without Django.

Pure functions over arrays, alternatives in rows and criteria in columns; directions are +1
(benefit) / −1 (cost); weights are non-negative and sum to 1 (±1e-9, never silently
renormalised; in indicator trees sibling weights are relative and normalised per node). Inputs
are never modified. Errors are ``ValueError`` with an English message; callers translate.

Conventions pinned where libraries disagree (ANCHORS §3.7):

- TOPSIS uses vector normalisation (Hwang–Yoon, as scikit-criteria's literature test
  tzeng2011), ideal/anti-ideal by direction, Euclidean distances. pymcdm's default is min-max;
  ``topsis(..., normalization="minmax")`` reproduces it for cross-checks.
- Entropy weights are the Chinese 熵权法 of CONTRACTS §2: min-max normalise with directions
  first, p = y / Σy, 0·ln 0 = 0, e = −Σ p ln p / ln n, w ∝ 1 − e. (scikit-criteria: Shannon
  entropy of raw shares, no min-max; pymcdm: raw shares, any zero → entropy 0.)
- CRITIC: min-max with directions, sample standard deviation, Pearson correlation of the
  min-max matrix; w ∝ σ_j Σ_k (1 − r_jk).
- AHP: principal eigenvector; Saaty's random indices (SAATY_RI, n ≤ 15); CR = 0 for n ≤ 2.
  pymcdm uses Tummala & Ling's RI, AHPy Donegan–Dodd by default.
- Cost criteria under "vector", "sum" and "max" normalisation become 1 − r.
- Geometric aggregation refuses values ≤ 0 unless a shift is given; indicator trees aggregate
  geometric nodes on COINr's 1–100 scale (shift 1/99, COINr issue #65).
- Ranks: 1 = best, ties share the lowest rank ("min").
- Outliers: COINr's winsorisation rule (|skew| > 2 and kurtosis > 3.5, at most 5 points);
  no log-transform fallback.
- Grade quotas: cumulative caps by rank; tied entities at a quota edge all take the lower grade.
- Uncertainty: Dirichlet(concentration · w) at every node, one normalisation per draw, seeded
  ``default_rng``; rank intervals are the 5 % and 95 % quantiles.
"""

from .aggregate import geometric, rank, topsis, weighted_sum
from .data import IMPUTE_POLICIES, impute, treat_outliers
from .grading import grade_bands, grade_quota
from .normalize import METHODS, STATISTICAL_METHODS, normalize
from .tree import AGGREGATIONS, GEOMETRIC_SHIFT, Evaluation, Leaf, Node, evaluate, explain
from .uncertainty import Uncertainty, uncertainty
from .weights import SAATY_RI, ahp_most_inconsistent, ahp_weights, critic_weights, entropy_weights

__all__ = [
    "AGGREGATIONS",
    "GEOMETRIC_SHIFT",
    "IMPUTE_POLICIES",
    "METHODS",
    "SAATY_RI",
    "STATISTICAL_METHODS",
    "Evaluation",
    "Leaf",
    "Node",
    "Uncertainty",
    "ahp_most_inconsistent",
    "ahp_weights",
    "critic_weights",
    "entropy_weights",
    "evaluate",
    "explain",
    "geometric",
    "grade_bands",
    "grade_quota",
    "impute",
    "normalize",
    "rank",
    "topsis",
    "treat_outliers",
    "uncertainty",
    "weighted_sum",
]
