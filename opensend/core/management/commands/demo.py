"""`opensend demo`: load the demo (once), then print the sign-ins.

The demo is the personas, the children they meet, and `opensend generate --scale demo` around
them: two local authorities, 14 schools and about 4,000 pupils. A second run finds it all
loaded, adds nothing, and prints the sign-ins again.
"""

from django.core.management.base import BaseCommand

from opensend.core.management.commands.generate import summary
from opensend.organisations.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE
from opensend.people.generate.run import GenerateRefused, generate


class Command(BaseCommand):
    help = "Load the demo data if it is not loaded, and print the demo sign-ins."

    def handle(self, *args, **options):
        self.stdout.write(self._load())
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

    def _load(self) -> str:
        # The generator loads the personas and named children first, then its own data once.
        try:
            result = generate("demo")
        except GenerateRefused:
            # Someone generated another scale into this database: the personas are there and
            # the data they see is richer than the demo's, so keep it.
            return "Generated data from another scale or seed is already loaded: keeping it."
        if result.skipped:
            return "The demo's generated data is already loaded."
        return summary(result)
