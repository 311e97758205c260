"""The `opensend` command: Django's management commands with OpenSEND's settings preset."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["law"]:
        # The statutory rules need no database or settings: answer without starting Django.
        from opensend.law.cli import main as law_main

        sys.exit(law_main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opensend.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opensend", *argv])


if __name__ == "__main__":
    main()
