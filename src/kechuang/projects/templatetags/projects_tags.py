from django import template

from kechuang.projects.choices import STATUS_COLOURS

register = template.Library()


@register.filter
def status_colour(code) -> str:
    """Tabler colour name of a status code (calls, proposals, projects, milestones)."""
    return STATUS_COLOURS.get(code, "secondary")
