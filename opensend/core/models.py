"""The base every OpenSEND record stands on, and the append-only audit table.

DESIGN "Audit and versions": services write audit rows explicitly (no signals), records carry
who made and last changed them, and every editable record has a version number so a stale edit
is refused rather than silently overwriting someone else's work.
"""

import uuid

from django.conf import settings
from django.db import models


class BaseModel(models.Model):
    """UUID identity (never a guessable sequence in a URL), who/when, and an edit version."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class AuditEventKind(models.TextChoices):
    CREATED = "created", "Created"
    UPDATED = "updated", "Updated"
    DELETED = "deleted", "Deleted"
    VIEWED = "viewed", "Viewed"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPORTED = "exported", "Exported"
    SIGNED_IN = "signed_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGNED_OUT = "signed_out", "Signed out"
    INVITED = "invited", "Invited"
    JOINED = "joined", "Joined"
    REVOKED = "revoked", "Revoked"
    SENT = "sent", "Sent"


class AuditEventQuerySet(models.QuerySet):
    """Refuses bulk edits and deletes: the audit log is append-only."""

    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One thing that happened: who, when, to which record, what kind, old and new values.

    A sequence id (not a UUID) because this table grows fastest and is never in a URL. The
    `subject_id` names the child or young person the record is about, so a subject access
    request or a "who has looked at this child's file" question is one indexed query.
    """

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the row still says who acted if the account is later removed.
    actor_label = models.CharField(max_length=254, blank=True)
    kind = models.CharField(max_length=20, choices=AuditEventKind.choices)
    record_type = models.CharField(max_length=100)
    record_id = models.CharField(max_length=64, blank=True)
    subject_id = models.UUIDField(null=True, blank=True)
    organisation_id = models.UUIDField(null=True, blank=True)
    old_values = models.JSONField(null=True, blank=True)
    new_values = models.JSONField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["subject_id", "at"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.kind} {self.record_type}"

    def save(self, *args, **kwargs):
        # Invariant, not business logic: an audit row once written is never rewritten.
        if not self._state.adding:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class CalendarFeed(BaseModel):
    """A private calendar address (iCalendar) someone adds to Outlook or Google Calendar.

    Calendar apps cannot sign in, so the address itself is the secret: only a hash of its token
    is stored (a leaked database copy opens no feed), the token is shown once, and the owner can
    revoke it at any time. Every fetch is recorded, so unexpected use is visible.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
