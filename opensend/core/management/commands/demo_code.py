"""`opensend demo_code`: the current authenticator code for the demo accounts."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from opensend.organisations.demo import DEMO_TOTP_SECRET

PERIOD_SECONDS = 30


class Command(BaseCommand):
    help = "Print the current authenticator code shared by the demo staff accounts."

    def handle(self, *args, **options):
        now = int(time.time())
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, now // PERIOD_SECONDS))
        left = PERIOD_SECONDS - now % PERIOD_SECONDS
        self.stdout.write(f"{code}  (valid for {left} more seconds)")
