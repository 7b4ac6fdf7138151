"""Progress, expected-by-now path, warnings and projection, against hand-computed values."""

import pytest

from kechuang.plans.progress import Bands, achievement, expected, level, projection, say_projection


def test_expected_by_now_linear_and_cagr():
    # 159 (2020) → 300 (2025): linear in 2023 = 159 + 141 × 3/5 = 243.6
    assert expected(159, 300, 2020, 2025, 2023) == pytest.approx(243.6)
    # CAGR: 100 → 121 over two years is 10 % a year: 110 after one
    assert expected(100, 121, 2020, 2022, 2021, "cagr") == pytest.approx(110)
    # CAGR falls back to linear through zero
    assert expected(0, 10, 2020, 2025, 2021, "cagr") == pytest.approx(2)


def test_achievement_is_direction_aware():
    assert achievement(230, 159, 300) == pytest.approx(71 / 141)
    # 逆向: energy use 1.0 → 0.8; 0.9 is half way
    assert achievement(0.9, 1.0, 0.8, up=False) == pytest.approx(0.5)
    assert achievement(5, 5, 5) == 1.0


def test_warning_levels_by_pace():
    # Expected 243.6 in 2023: change 84.6 expected from 159
    assert level(310, 159, 300, 2020, 2025, 2023)["level"] == "met"
    assert level(250, 159, 300, 2020, 2025, 2023)["level"] == "normal"  # pace 91/84.6 = 1.08
    warn = level(230, 159, 300, 2020, 2025, 2023)  # pace 71/84.6 = 0.84
    assert warn["level"] == "warning" and warn["label"] == "预警"
    assert warn["pace"] == pytest.approx(71 / 84.6)
    assert level(200, 159, 300, 2020, 2025, 2023)["level"] == "serious"  # pace 0.48
    assert level(150, 159, 300, 2020, 2025, 2023)["level"] == "serious"  # the wrong way
    assert level(230, 159, 300, 2020, 2025, 2023, bands=Bands(0.8, 0.5))["level"] == "normal"


def test_warning_levels_for_a_falling_indicator():
    # 逆向 1.0 → 0.8 by 2025; 2022 expected 0.92
    assert level(0.90, 1.0, 0.8, 2020, 2025, 2022, up=False)["level"] == "normal"
    assert level(0.94, 1.0, 0.8, 2020, 2025, 2022, up=False)["level"] == "serious"  # pace 0.75
    assert level(0.79, 1.0, 0.8, 2020, 2025, 2022, up=False)["level"] == "met"


def test_projection_and_its_probability():
    points = [(2021, 180), (2022, 200), (2023, 220)]  # exactly 20 a year
    p = projection(points, 2025, 300)
    assert p["value"] == pytest.approx(260)
    assert p["probability"] == 0.0  # no spread: a straight line short of the target
    noisy = projection([(2021, 180), (2022, 205), (2023, 215), (2024, 245)], 2025, 260)
    # slope 20.5, mean (2022.5, 211.25): 2025 → 262.5; just above the target
    assert noisy["value"] == pytest.approx(262.5)
    # residuals −0.5, 4, −6.5, 3: σ = √(67.5/2); spread = σ·√(1 + 1/4 + 2.5²/5) = 9.185; z = 2.5/9.185
    assert noisy["probability"] == pytest.approx(0.6073, abs=1e-3)
    assert projection([(2024, 1)], 2025, 2) is None
    text = say_projection(noisy, 260, lambda v: f"{v:.0f}")
    assert text.startswith("按近 4 年线性趋势外推，目标年预计为 262")
    assert text.endswith("较有可能达到目标（约 61%）。")
    assert say_projection(None, 1, str) == "数据不足两年，无法外推。"
