from django.apps import AppConfig


class CarriersConfig(AppConfig):
    name = "kechuang.carriers"
    label = "carriers"
    verbose_name = "创新载体"
