from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "kechuang.projects"
    label = "projects"
    verbose_name = "创新课题与专家"
