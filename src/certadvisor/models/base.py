"""The Pydantic names the models use: Pydantic's own, or in a plain process its stand-ins.

Every model module imports these names from here, never from ``pydantic``, so that the
choice of `models.mode` holds for all of them; type checkers always see Pydantic's.
"""

from typing import TYPE_CHECKING

from certadvisor.models import mode

if not TYPE_CHECKING and mode.decide():
    from certadvisor.models.plain import (
        AfterValidator,
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Field,
        PrivateAttr,
        ValidationError,
        ValidationInfo,
        field_validator,
        model_validator,
    )
else:  # type checkers always see Pydantic's names
    from pydantic import (
        AfterValidator,
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Field,
        PrivateAttr,
        ValidationError,
        ValidationInfo,
        field_validator,
        model_validator,
    )

__all__ = [
    "AfterValidator",
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "Field",
    "PrivateAttr",
    "ValidationError",
    "ValidationInfo",
    "field_validator",
    "model_validator",
]
