from django.apps import AppConfig


class TalentsConfig(AppConfig):
    name = "kechuang.talents"
    label = "talents"
    verbose_name = "创新团队与科技特派员"
