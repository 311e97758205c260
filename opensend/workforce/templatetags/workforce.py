"""Template filters for workforce pages."""

from django import template

from opensend.workforce.services.keyworkers import hours_label

register = template.Library()


@register.filter
def hours_of(value) -> str:
    """'1 hour', '0.5 hours', '3 hours': a number of hours as people write it."""
    if value is None or value == "":
        return ""
    return hours_label(value)
