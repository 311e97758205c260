from django import template

from opensend.accounts.selectors import user_requires_mfa

register = template.Library()


@register.filter
def requires_mfa(user) -> bool:
    return user.is_authenticated and user_requires_mfa(user)
