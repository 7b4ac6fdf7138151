import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kechuang.enterprises.models import AnnualData, Enterprise, Qualification
from kechuang.orgs.models import Org
from kechuang.platforms.models import Platform, PlatformReport
from kechuang.regions.models import Region

pytestmark = pytest.mark.django_db


def synth(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("synth", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_province_scale_uses_henans_181_counties_and_reports_its_time():
    out, err = synth(
        "--scale", "province", "--enterprises", "300", "--platforms", "40", "--seed", "7"
    )
    assert Region.objects.filter(level=3).count() == 181
    assert Enterprise.objects.count() == 300
    assert AnnualData.objects.count() > 300
    assert Qualification.objects.filter(kind="high_tech").exists()
    assert Platform.objects.count() == 40 and PlatformReport.objects.exists()
    assert "用时" in out and "100.0%" in err  # progress bar drawn to the end
    assert all("合成" in name for name in Org.objects.values_list("name", flat=True)[:50])


def test_same_seed_same_data():
    synth("--scale", "city", "--enterprises", "50", "--seed", "3")
    first = list(
        AnnualData.objects.order_by("enterprise__org__uscc", "year").values_list(
            "sales_revenue_wan", flat=True
        )
    )
    PlatformReport.objects.all().delete()
    Platform.objects.all().delete()
    AnnualData.objects.all().delete()
    Qualification.objects.all().delete()
    Enterprise.objects.all().delete()
    Org.objects.all().delete()
    synth("--scale", "city", "--enterprises", "50", "--seed", "3")
    second = list(
        AnnualData.objects.order_by("enterprise__org__uscc", "year").values_list(
            "sales_revenue_wan", flat=True
        )
    )
    assert first == second


def test_refuses_to_run_twice():
    synth("--scale", "city", "--enterprises", "20")
    with pytest.raises(CommandError) as exc:
        synth("--scale", "city", "--enterprises", "20")
    assert exc.value.returncode == 2
