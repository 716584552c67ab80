"""The source registry: who wrote each source, what kind of publisher it is, when it was read."""

import re
from enum import StrEnum

from certadvisor.models.base import Field, model_validator
from certadvisor.models.common import Confidence, PartialDate, Strict

SOURCE_ID = r"^[a-z0-9][a-z0-9-]*$"
_ID = re.compile(SOURCE_ID)


class PublisherKind(StrEnum):
    """Who wrote a source; it caps the confidence a fact resting on it may claim."""

    CERTIFYING_BODY = "certifying_body"
    GOVERNMENT = "government"
    ACCREDITOR = "accreditor"
    ASSOCIATION = "association"
    SCHOOL = "school"
    EMPLOYER_OR_JOB_SITE = "employer_or_job_site"
    PREP_VENDOR = "prep_vendor"
    CONTENT_SITE = "content_site"
    FORUM = "forum"


MAX_CONFIDENCE: dict[PublisherKind, Confidence] = {
    PublisherKind.CERTIFYING_BODY: Confidence.OFFICIAL,
    PublisherKind.GOVERNMENT: Confidence.GOVERNMENT,
    PublisherKind.ACCREDITOR: Confidence.SECONDARY,
    PublisherKind.ASSOCIATION: Confidence.SECONDARY,
    PublisherKind.SCHOOL: Confidence.SECONDARY,
    PublisherKind.EMPLOYER_OR_JOB_SITE: Confidence.SECONDARY,
    PublisherKind.PREP_VENDOR: Confidence.UNVERIFIED,
    PublisherKind.CONTENT_SITE: Confidence.UNVERIFIED,
    PublisherKind.FORUM: Confidence.UNVERIFIED,
}
"""The highest confidence each publisher kind can earn."""

STRENGTH: dict[Confidence, int] = {
    Confidence.UNVERIFIED: 0,
    Confidence.SECONDARY: 1,
    Confidence.GOVERNMENT: 2,
    Confidence.OFFICIAL: 2,
}
"""How strong a claim each confidence makes (official and government rank alike, but a
government publisher may not claim official, nor a certifying body government)."""


def allows(kind: PublisherKind, confidence: Confidence) -> bool:
    """Whether a source of this kind can support a fact of this confidence."""
    cap = MAX_CONFIDENCE[kind]
    return confidence == cap or STRENGTH[confidence] < STRENGTH[cap]


def is_source_id(ref: str) -> bool:
    """A reference is a registry id (``nha-candidate-handbook``) rather than an inline URL."""
    return bool(_ID.match(ref))


class Source(Strict):
    """One source, registered once: its publisher, title, dates and where it was read."""

    id: str = Field(pattern=SOURCE_ID, description="What facts write in `source:`")
    publisher: str = Field(min_length=1, description="Who wrote it: 'NHA', 'Vivian Health'")
    publisher_kind: PublisherKind
    title: str = Field(min_length=1)
    published: PartialDate | None = Field(
        default=None, description="The date the source shows; null when it shows none"
    )
    url: str | None = Field(default=None, description="The original, where known")
    read_at: str | None = Field(
        default=None, description="Where the text was read when that was a copy elsewhere"
    )
    read_on: PartialDate = Field(description="When the source was last checked")
    note: str | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> "Source":
        if not self.url and not self.read_at:
            raise ValueError("a source needs a url, a read_at, or both")
        return self


class SourceRegistry(Strict):
    """The `sources:` list of data/sources.yaml (or of a user's catalog file)."""

    sources: list[Source] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> "SourceRegistry":
        seen: set[str] = set()
        for s in self.sources:
            if s.id in seen:
                raise ValueError(f"source id {s.id!r} is registered twice")
            seen.add(s.id)
        return self
