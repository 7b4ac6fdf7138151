from datetime import date

from kechuang.platforms.models import Platform, PlatformReport


def make_platform(name, host, **extra):
    values = {
        "kind": "engineering-center",
        "level": "municipal",
        "industry": "nylon",
        "approved_on": date(2018, 6, 1),
    }
    values.update(extra)
    platform = Platform(name=name, host=host, **values)
    platform.save()
    return platform


def make_report(platform, year, **extra):
    values = {"staff": 20, "researchers": 15, "senior_researchers": 5, "rd_spend_wan": 300}
    values.update(extra)
    report = PlatformReport(platform=platform, year=year, **values)
    report.save()
    return report


REPORT_NUMBERS = {
    "staff": 30,
    "researchers": 20,
    "senior_researchers": 6,
    "rd_spend_wan": "520.50",
    "equipment_value_wan": "800.00",
    "projects": 6,
    "project_funding_wan": "150.00",
    "patents_applied": 5,
    "patents_granted": 7,
    "invention_patents_granted": 2,
    "papers": 3,
    "standards": 1,
    "achievements_transferred": 2,
    "transfer_income_wan": "60.00",
    "cooperation_projects": 2,
    "income_wan": "90.00",
}
