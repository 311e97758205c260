"""Secret tokens in links (invitations, API tokens, calendar feeds).

Only a hash is ever stored, so a copy of the database cannot be used to join, call the API
or read a calendar (docs/adr/0001). The raw token is shown or sent once.
"""

import hashlib
import secrets


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
