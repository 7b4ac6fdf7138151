from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "kechuang.evaluation"
    label = "evaluation"
    verbose_name = "绩效评价"
