import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.test import APIClient

from kechuang.accounts.models import User
from kechuang.core.testing.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    class Data(Personas):
        pass

    Data.setup_personas()
    return Data


def run(*args):
    out = io.StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_create_county_staff_with_regions(data):
    assert (
        run(
            "create",
            "ye01",
            "--role",
            "county-staff",
            "--region",
            "410422",
            "--password",
            "pw-123456",
        )
        == ""
    )
    user = User.objects.get(username="ye01")
    assert user.role == "county-staff"
    assert list(user.regions.values_list("code", flat=True)) == ["410422"]
    assert user.check_password("pw-123456")
    assert user.groups.filter(name="county-staff").exists()


def test_create_org_user_by_uscc(data):
    run("create", "qy01", "--role", "org-user", "--org", data.org_a.uscc.lower())
    assert User.objects.get(username="qy01").org == data.org_a


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("create", "x1", "--role", "boss"), "未知角色"),
        (
            ("create", "x2", "--role", "county-staff", "--region", "999999"),
            "区划代码 999999 不存在",
        ),
        (("create", "x3", "--role", "org-user", "--org", "91410402000000000X"), "的单位不存在"),
        (("create", "county_a", "--role", "city-staff"), "已存在"),
        (("token", "nobody"), "不存在"),
    ],
)
def test_bad_input_exits_2_with_a_message(data, args, message):
    with pytest.raises(CommandError) as exc:
        run(*args)
    assert exc.value.returncode == 2
    assert message in str(exc.value)


def test_token_works_with_the_api(data):
    token = run("token", "county_a").strip()
    assert run("token", "county_a").strip() == token  # stable
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/orgs/")
    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == ["甲示例科技有限公司"]


def test_cli_entry_point_exits_2_on_bad_role(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "KECHUANG_VAR_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "kechuang", "migrate", "-v0"], env=env, check=True)
    result = subprocess.run(
        [sys.executable, "-m", "kechuang", "users", "create", "u", "--role", "boss"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "未知角色" in result.stderr
