from kechuang.core.text import mask, pinyin_initials


def test_pinyin_initials():
    assert pinyin_initials("平顶山市") == "pdss"
    assert pinyin_initials("叶县ABC") == "yxabc"
    assert pinyin_initials("") == ""


def test_mask():
    assert mask("13812345678") == "138****5678"
    assert mask("123") == "***"
    assert mask("") == ""
