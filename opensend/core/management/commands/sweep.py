"""`opensend sweep`: run every registered housekeeping sweep once (see opensend/core/sweeps.py).

Meant for cron, e.g. `*/15 * * * * opensend sweep`. One failing sweep does not stop the others;
the command then exits with an error so cron's mail or the monitoring notices.
"""

import logging

from django.core.management.base import BaseCommand, CommandError

from opensend.core.sweeps import sweeps

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run every housekeeping sweep once; each is safe to run again."

    def handle(self, *args, **options):
        failed = []
        for name, fn in sweeps().items():
            try:
                count = fn()
            except Exception:
                logger.exception("sweep failed: %s", name)
                self.stderr.write(f"{name}: failed")
                failed.append(name)
                continue
            self.stdout.write(f"{name}: {count}")
        if failed:
            raise CommandError(f"These sweeps failed: {', '.join(failed)}")
