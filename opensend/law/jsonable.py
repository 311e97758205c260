"""Turn rule results (dataclasses with dates) into plain JSON values for the CLI and API."""

import dataclasses
import enum
from datetime import date, datetime, time


def to_jsonable(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: to_jsonable(getattr(value, field.name))
            for field in dataclasses.fields(value)
        }
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, frozenset, set)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    return value
