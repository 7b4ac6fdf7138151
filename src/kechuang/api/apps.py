from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kechuang.api"
    label = "api"
    verbose_name = "接口"
