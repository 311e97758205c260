"""Money as the provision map shows it."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(value) -> str:
    """£1,234.50: pounds and pence with thousands separated (GOV.UK style guide, "Money")."""
    if value is None or value == "":
        return ""
    return f"£{Decimal(value):,.2f}"


@register.simple_tag
def shown_count(count: int) -> str:
    """A count for someone who may not see pupils' names: under 5 is "fewer than 5"."""
    from opensend.provision.selectors import shown_count as suppressed

    return suppressed(count, names_visible=False)


@register.filter
def hours(value) -> str:
    """2.50 as "2.5" and 10.00 as "10" (never "1E+1")."""
    if value is None or value == "":
        return ""
    return f"{Decimal(value).quantize(Decimal('0.01')).normalize():f}"
