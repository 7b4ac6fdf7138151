"""Job functions for the tests of kechuang.jobs (job functions must live in kechuang modules)."""


def counting(progress, n):
    """Reports progress n times and returns a summary."""
    for i in range(1, n + 1):
        progress(i, n, f"第 {i} 步")
    return {"summary": f"完成 {n} 步", "url": "/done/"}


def failing(progress):
    raise ValueError("第3行数据有误")
