"""Background tasks: work that should not hold up a page, run by the task worker.

Django 6 ships `django.tasks`; until then the django-tasks backport provides the same API, so
moving to Django 6 changes only this import. Task arguments must be JSON-serialisable: they are
stored in the database queue (django-tasks-db) until a worker picks them up.
"""

try:
    from django.tasks import task
except ImportError:  # Django < 6
    from django_tasks import task

from opensend.core.notifications import notify


@task()
def send_notification(to: str, kind: str, personalisation: dict[str, str]) -> None:
    """Send one message of a registered kind; its subject is fixed and never names a child."""
    notify(to=to, kind=kind, personalisation=personalisation)
