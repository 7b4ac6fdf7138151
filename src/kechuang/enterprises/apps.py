from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "kechuang.enterprises"
    label = "enterprises"
    verbose_name = "创新主体"
