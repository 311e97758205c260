"""Test personas: the demo's people, so tests and the demo tell the same story.

Each persona key names a person and their role, e.g. `oak_senco` (SENCO at Oakfield Primary,
in Northshire) or `south_manager` (SEND manager at Southmoor). Cross-organisation checks read
as "oak_senco asks for south_river's page and gets 404".
"""

from opensend.organisations.demo import PEOPLE

PERSONA_KEYS = [person.key for person in PEOPLE]
ANONYMOUS = "anonymous"
