"""Check characters of Chinese identifiers (DOMAIN.md §8). Pure functions, no Django."""

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def uscc_check_char(code17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters of a 统一社会信用代码."""
    total = sum(
        USCC_CHARSET.index(c) * w for c, w in zip(code17.upper(), USCC_WEIGHTS, strict=True)
    )
    return USCC_CHARSET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when `code` is a valid USCC, else a Chinese sentence saying what is wrong."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，当前为 {len(code)} 位"
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return f"统一社会信用代码含有不允许的字符 {'、'.join(bad)}（不使用 I、O、S、V、Z）"
    if not code[2:8].isdigit():
        return "统一社会信用代码第 3–8 位应为行政区划代码（数字）"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码校验位错误：第 18 位应为 {expected}，实际为 {code[17]}"
    return None


def id_check_char(id17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check character of a resident ID number."""
    return ID_CHECK[sum(int(d) * w for d, w in zip(id17, ID_WEIGHTS, strict=True)) % 11]


def id_number_problem(number: str) -> str | None:
    """None when `number` is a valid 18-digit resident ID number, else a Chinese reason."""
    number = number.strip().upper()
    if len(number) != 18:
        return f"身份证号码应为 18 位，当前为 {len(number)} 位"
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return "身份证号码前 17 位应为数字，第 18 位为数字或 X"
    expected = id_check_char(number[:17])
    if number[17] != expected:
        return f"身份证号码校验位错误：第 18 位应为 {expected}，实际为 {number[17]}"
    return None


def make_uscc(prefix: str, region_code: str, org_code8: str) -> str:
    """A valid USCC from a 2-char prefix, a 6-digit region code and an 8-digit organisation code
    (whose GB 11714 check character is added). Used for synthetic demo organisations."""
    code17 = f"{prefix}{region_code[:6]}{org_code8}{org_code_check_char(org_code8)}".upper()
    return code17 + uscc_check_char(code17)


def org_code_check_char(code8: str) -> str:
    """GB 11714 check character of a 组织机构代码 (positions 9–17 of a USCC)."""
    values = [int(c) if c.isdigit() else ord(c.upper()) - 55 for c in code8]
    c9 = 11 - sum(v * w for v, w in zip(values, ORG_CODE_WEIGHTS, strict=True)) % 11
    return {10: "X", 11: "0"}.get(c9, str(c9))
