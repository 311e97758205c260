from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404

from opensend.api.models import ApiToken


def api_tokens_visible_to(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def get_api_token_for(user, token_id) -> ApiToken:
    try:
        return api_tokens_visible_to(user).get(pk=token_id)
    except (ApiToken.DoesNotExist, ValueError, ValidationError) as error:
        raise Http404("No such token.") from error
