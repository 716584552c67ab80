"""State rules: licensure and state credentials that change what a national certification means."""

from enum import StrEnum
from typing import Annotated

from certadvisor.models.base import Field, model_validator
from certadvisor.models.common import Provenance, Strict
from certadvisor.models.vocab import Category

StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]


class StateTopic(StrEnum):
    """What a state note is about."""

    LABORATORY_LICENSURE = "laboratory_licensure"
    PHLEBOTOMY_CERTIFICATION = "phlebotomy_certification"
    MEDICAL_ASSISTANT_CREDENTIAL = "medical_assistant_credential"
    OTHER = "other"


class StateNote(Provenance):
    """One rule of one state, with the categories and tracks it touches."""

    topic: StateTopic
    text: str = Field(min_length=1)
    categories: list[Category] = Field(default_factory=list)
    tracks: list[str] = Field(default_factory=list, description="Tracks named by the rule")
    not_accepted: list[str] = Field(
        default_factory=list, description="Tracks the state does not accept for this purpose"
    )
    disputed: bool = Field(default=False, description="Sources disagree whether the rule applies")


class State(Strict):
    """A US state (or Puerto Rico) and its notes."""

    code: StateCode
    name: str
    notes: list[StateNote] = Field(default_factory=list)


class StateRules(Strict):
    """The root of states.yaml."""

    states: list[State] = Field(default_factory=list)

    @model_validator(mode="after")
    def _codes_unique(self) -> "StateRules":
        codes = [s.code for s in self.states]
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise ValueError(f"state codes must be unique, repeated: {', '.join(dupes)}")
        return self


class StateBlock(Strict):
    """A state asked for (--state or the profile's) and its notes touching the tracks shown."""

    code: StateCode
    name: str
    notes: list[StateNote] = Field(default_factory=list)
    by_track: dict[str, list[StateNote]] = Field(
        default_factory=dict, exclude=True, description="The notes touching each track shown"
    )

    def not_accepted(self) -> set[str]:
        """The tracks some note says the state does not accept."""
        return {t for n in self.notes for t in n.not_accepted}
