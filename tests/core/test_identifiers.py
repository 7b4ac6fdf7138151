from hypothesis import given
from hypothesis import strategies as st

from kechuang.core.identifiers import (
    USCC_CHARSET,
    id_check_char,
    id_number_problem,
    make_uscc,
    org_code_check_char,
    uscc_check_char,
    uscc_problem,
)


def test_uscc_reference_vector_is_valid():
    # GB 32100-2015 example (DOMAIN.md §8.1)
    assert uscc_check_char("91110000600037341") == "L"
    assert uscc_problem("91110000600037341L") is None
    assert uscc_problem("91110000600037341l") is None


def test_org_code_of_the_reference_vector():
    assert org_code_check_char("60003734") == "1"


def test_uscc_problems_are_explained():
    assert "应为 L" in uscc_problem("91110000600037341M")
    assert "18 位" in uscc_problem("9111000060003734")
    assert "不允许的字符" in uscc_problem("91110000600037341I")


def test_id_number_reference_vector():
    # GB 11643-1999 example (DOMAIN.md §8.2)
    assert id_check_char("36042619910101007") == "1"
    assert id_number_problem("360426199101010071") is None
    assert "应为 1" in id_number_problem("360426199101010072")


@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from(["410402", "410422", "110000"]),
)
def test_generated_usccs_are_valid(body, region):
    assert uscc_problem(make_uscc("91", region, body)) is None


@given(st.text(alphabet=USCC_CHARSET, min_size=17, max_size=17))
def test_any_single_character_change_breaks_the_check(code17):
    code = code17 + uscc_check_char(code17)
    for replacement in ("0", "A"):
        changed = replacement + code[1:] if code[0] != replacement else None
        if changed:
            assert uscc_problem(changed) is not None or changed == code
