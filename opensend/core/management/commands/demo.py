"""`opensend demo`: load the demo organisations and people (once), then print the sign-ins."""

from django.core.management.base import BaseCommand

from opensend.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE, load_demo_people


class Command(BaseCommand):
    help = "Load the demo data if it is not loaded, and print the demo sign-ins."

    def handle(self, *args, **options):
        load_demo_people()
        self.stdout.write(self.style.SUCCESS("Demo data loaded.\n"))
        self.stdout.write(f"Every demo account's password: {DEMO_PASSWORD}")
        self.stdout.write(
            "Staff accounts ask for a code from an authenticator app. Add this secret to any "
            f"authenticator app: {DEMO_TOTP_SECRET}\n"
            "or print the current code with: .venv/bin/opensend demo_code\n"
        )
        width = max(len(person.email) for person in PEOPLE)
        for person in PEOPLE:
            role = person.role.label if person.role else person.family_role.label
            self.stdout.write(f"  {person.email.ljust(width)}  {role}")
