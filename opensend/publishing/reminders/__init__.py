"""The publishing app's daily sweeps (`opensend sweep`): each module registers its own."""

from opensend.publishing.reminders import entries, reports, responses  # noqa: F401
