import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from opensend.accounts.models import User
from opensend.organisations.demo import PEOPLE

OPENSEND = Path(sys.executable).with_name("opensend")


def test_the_opensend_command_runs_django_commands_with_settings_preset():
    result = subprocess.run([str(OPENSEND), "check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_loads_once_and_prints_every_sign_in(db, capsys):
    call_command("demo")
    call_command("demo")  # a second run changes nothing
    output = capsys.readouterr().out
    assert User.objects.count() == len(PEOPLE)
    for person in PEOPLE:
        assert person.email in output
    assert "demo-password-2026" in output


def test_demo_code_prints_a_six_digit_code(capsys):
    call_command("demo_code")
    code = capsys.readouterr().out.split()[0]
    assert len(code) == 6 and code.isdigit()
