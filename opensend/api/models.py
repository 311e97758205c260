from django.conf import settings
from django.db import models

from opensend.core.models import BaseModel


class ApiToken(BaseModel):
    """A personal token for scripts and other systems, acting as the person who made it.

    Only a hash is stored; the token is shown once when created. Tokens expire and can be
    revoked, and each use updates `last_used_at` so unused tokens are easy to spot.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
