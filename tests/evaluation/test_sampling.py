import pytest

from kechuang.evaluation.sampling import draw

POPULATION = [(i, "甲" if i % 3 else "乙") for i in range(1, 31)]  # 20 in 甲, 10 in 乙


def test_it_draws_the_same_sample_for_the_same_seed():
    first = draw(POPULATION, seed=42, proportion=0.2)
    assert first == draw(list(reversed(POPULATION)), seed=42, proportion=0.2)
    assert first != draw(POPULATION, seed=43, proportion=0.2)


def test_it_draws_per_stratum_rounding_up():
    sample = draw(POPULATION, seed=1, proportion=0.25)
    strata = [s for _k, s in sample]
    assert strata.count("甲") == 5  # ⌈20 × 0.25⌉
    assert strata.count("乙") == 3  # ⌈10 × 0.25⌉ = ⌈2.5⌉


def test_it_draws_a_fixed_count_and_respects_exclusions():
    sample = draw(POPULATION, seed=1, count=4, exclude=[3, 6, 9, 12, 15, 18, 21, 24])
    keys = {k for k, _s in sample}
    assert len([s for _k, s in sample if s == "乙"]) == 2  # only 27 and 30 are left in 乙
    assert keys.isdisjoint({3, 6, 9, 12, 15, 18, 21, 24})


def test_it_matches_the_documented_rule():
    # One PCG64 generator, strata in sorted order, each takes permutation(size)[:k].
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(5))
    jia = sorted(k for k, s in POPULATION if s == "甲")
    yi = sorted(k for k, s in POPULATION if s == "乙")
    # "乙" (U+4E59) sorts before "甲" (U+7532).
    expected = [(yi[i], "乙") for i in sorted(rng.permutation(10)[:2])]
    expected += [(jia[i], "甲") for i in sorted(rng.permutation(20)[:2])]
    assert draw(POPULATION, seed=5, count=2) == expected


@pytest.mark.parametrize(
    "kwargs", [{}, {"proportion": 0.1, "count": 1}, {"proportion": 0}, {"count": 0}]
)
def test_it_refuses_bad_rules(kwargs):
    with pytest.raises(ValueError):
        draw(POPULATION, seed=1, **kwargs)
