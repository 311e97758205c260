"""The ehc app's tables: the needs assessment (`assessment`) and the EHC plan (`plans`)."""

from opensend.ehc.models.assessment import *  # noqa: F403
from opensend.ehc.models.assessment import __all__ as _assessment
from opensend.ehc.models.plans import *  # noqa: F403
from opensend.ehc.models.plans import __all__ as _plans

__all__ = [*_assessment, *_plans]
