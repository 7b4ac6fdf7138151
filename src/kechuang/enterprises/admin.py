from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AnnualData, Enterprise, Qualification


@admin.register(Enterprise)
class EnterpriseAdmin(SimpleHistoryAdmin):
    list_display = ("org", "industry", "tech_field", "listed")
    search_fields = ("org__name", "org__uscc")


@admin.register(AnnualData)
class AnnualDataAdmin(SimpleHistoryAdmin):
    list_display = ("enterprise", "year", "employees", "sales_revenue_wan", "rd_expense_wan")
    list_filter = ("year",)


@admin.register(Qualification)
class QualificationAdmin(SimpleHistoryAdmin):
    list_display = ("enterprise", "kind", "number", "year", "issued_on", "valid_until")
    list_filter = ("kind", "year")
