"""`{% download_href table "csv" %}`: the link that downloads a report table as shown."""

from django import template

from opensend.core.tables import Link, download_query

register = template.Library()


@register.simple_tag(takes_context=True)
def download_href(context, tbl, fmt: str) -> str:
    return download_query(context["request"], tbl.key, fmt)


@register.filter
def is_link(cell) -> bool:
    return isinstance(cell, Link)
