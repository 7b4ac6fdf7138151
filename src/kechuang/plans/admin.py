from django.contrib import admin

from .models import Baseline, Indicator, Plan


class BaselineInline(admin.TabularInline):
    model = Baseline
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "start_year", "end_year", "is_default")


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "plan", "display_unit", "direction", "headline")
    list_filter = ("plan", "direction")
    inlines = [BaselineInline]
