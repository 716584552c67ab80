"""The people of one `eligible` run against the chosen tracks, evaluated on demand.

A renderer asks for what its format needs: `results()` (every route, condition and date) or
the much cheaper `briefs()` (status, route and missing items: what a cohort's CSV holds).
People come either ready (`subjects`) or as entries of a file still to be validated
(`pending` with an `admit` function, see profiles.Scan). Summaries of a big pending cohort
are computed in forked workers that validate and evaluate their share of the entries
together, so only the small summaries travel between processes; problems found on the way
are kept, in file order, in `problems()`.
"""

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

from certadvisor.eligibility.engine import Applicant, Evaluator
from certadvisor.eligibility.state_credentials import StateLayer
from certadvisor.models.catalog import Track
from certadvisor.models.results import EligibilitySummary, PersonResult
from certadvisor.parallel import Unprepared, fork_map, fork_stream, workers

PARALLEL_MIN = 2000  # people; below this, forking costs more than it saves
BLOCK = 1000  # people handed to a worker at once when a cohort streams
LABELS_KEPT = 5000  # a streamed cohort remembers its people's names up to this many
T = TypeVar("T")


@dataclass(frozen=True)
class Subject:
    """Someone to evaluate: a label for tables, the profile's name, the person, date, state."""

    label: str
    name: str | None
    person: Applicant
    as_of: dt.date
    state: str | None = None


class PersonBrief(NamedTuple):
    """One person's summaries, in track order, then those of their state's credentials."""

    label: str
    as_of: dt.date
    tracks: list[EligibilitySummary]
    state: str | None = None
    credentials: tuple[EligibilitySummary, ...] = ()


Admit = Callable[[Any], tuple[Subject | None, list[str]]]
Locate = Callable[[Any], tuple[int | None, str | None]]


class Invalid(NamedTuple):
    """Someone of a cohort who could not be evaluated: where, who, and why."""

    row: int | None
    name: str | None
    errors: list[str]


class Report:
    """People (ready or pending) and the tracks to judge them on; results computed once."""

    def __init__(
        self,
        tracks: Sequence[Track],
        subjects: Sequence[Subject] = (),
        *,
        pending: Sequence[Any] = (),
        admit: Admit | None = None,
        problems: Sequence[str] = (),
        locate: Locate | None = None,
        state_catalog: Callable[[], Sequence[Track]] = list,
        prepare: Callable[[Sequence[Any]], Sequence[Any] | None] | None = None,
        reread: Callable[[], Sequence[Any]] | None = None,
    ) -> None:
        """`prepare` and `reread`: the pending items are not entries yet (a big YAML cohort's
        people as text): `prepare` makes a block of them entries, or None when it cannot
        alone; `reread` makes all the entries at once (the file read as a whole)."""
        self.tracks = list(tracks)
        self._state = StateLayer(state_catalog, self.tracks)
        self.evaluator = Evaluator(self.tracks)
        self._file_problems = list(problems)
        self._pending = list(pending)
        self._admit = admit
        self._subjects: list[Subject] | None = None if self._pending else list(subjects)
        self._admitted: list[str] = []
        self._locate = locate
        self._invalid: list[Invalid] = []
        self._results: list[PersonResult] | None = None
        self._briefs: list[PersonBrief] | None = None
        self._streamed: tuple[int, list[str] | None] | None = None
        self._prepare = prepare
        self._reread = reread

    def _entries(self) -> None:
        """The pending items as entries, when they are not yet (see `prepare`)."""
        if self._reread is not None:
            self._pending = list(self._reread())
            self._prepare = self._reread = None

    def subjects(self) -> list[Subject]:
        """Everyone who validated, in file order."""
        if self._subjects is None:
            self._entries()
            assert self._admit is not None
            subjects, problems = [], []
            for entry in self._pending:
                subject, found = self._admit(entry)
                problems += found
                if subject is not None:
                    subjects.append(subject)
                else:
                    self._invalid.append(self._invalid_entry(entry, found))
            self._subjects, self._admitted = subjects, problems
        return self._subjects

    def _invalid_entry(self, entry: Any, found: list[str]) -> Invalid:
        row, name = self._locate(entry) if self._locate else (None, None)
        return Invalid(row, name, list(found))

    def invalid(self) -> list[Invalid]:
        """The people of the file who could not be evaluated (after the people were read)."""
        if self._subjects is None and self._briefs is None and self._streamed is None:
            self.subjects()
        return self._invalid

    def people(self) -> int:
        """How many people validated (without validating again what is already known)."""
        if self._subjects is None and self._streamed is not None:
            return self._streamed[0]
        if self._subjects is None and self._briefs is not None:
            return len(self._briefs)
        return len(self.subjects())

    def labels(self) -> list[str]:
        """The labels of everyone who validated (a streamed cohort keeps up to LABELS_KEPT)."""
        if self._subjects is None and self._streamed is not None:
            return self._streamed[1] or []
        return [s.label for s in self.subjects()]

    def problems(self) -> list[str]:
        """One line per invalid entry (after `subjects`, `results` or `briefs` ran)."""
        return self._file_problems + self._admitted

    def results(self) -> list[PersonResult]:
        """Full results, one entry per person."""
        if self._results is None:
            self._results = [
                self._state.apply(
                    PersonResult.model_construct(
                        name=s.name,
                        results=self.evaluator.results(s.person, s.as_of),
                        label=s.label,
                        as_of=s.as_of,
                        state=s.state,
                    ),
                    s.person,
                )
                for s in self.subjects()
            ]
        return self._results

    def briefs(self) -> list[PersonBrief]:
        """Summaries per person, from the full results when they are already known."""
        if self._briefs is not None:
            return self._briefs
        if self._results is not None:
            self._briefs = [
                PersonBrief(
                    p.label,
                    p.as_of,
                    [EligibilitySummary.of(r) for r in p.results],
                    p.state,
                    tuple(EligibilitySummary.of(r) for r in p.state_credentials),
                )
                for p in self._results
            ]
        elif self._subjects is None and len(self._pending) >= PARALLEL_MIN:
            self._entries()
            parts = fork_map(self._admit_and_brief, self._pending, workers())
            done = [item for part in parts for item in part]
            self._briefs = [b for b, _ in done if b is not None]
            self._admitted = [line for _, found in done for line in found]
            self._invalid = [
                self._invalid_entry(entry, found)
                for entry, (b, found) in zip(self._pending, done, strict=True)
                if b is None
            ]
        else:
            self._briefs = [self._brief(s) for s in self.subjects()]
        return self._briefs

    def _brief(self, s: Subject) -> PersonBrief:
        return PersonBrief(
            s.label,
            s.as_of,
            self.evaluator.briefs(s.person, s.as_of),
            s.state,
            self._state.briefs(s.state, s.person, s.as_of),
        )

    def state_credentials(self, code: str) -> list[Track]:
        """The credentials of one state that this run judges its people of that state on."""
        return self._state.credentials(code)

    def _admit_and_brief(
        self, entries: Sequence[Any]
    ) -> list[tuple[PersonBrief | None, list[str]]]:
        assert self._admit is not None
        out: list[tuple[PersonBrief | None, list[str]]] = []
        for entry in entries:
            s, found = self._admit(entry)
            out.append((None if s is None else self._brief(s), found))
        return out

    def stream(self, write: Callable[[list[PersonBrief]], T]) -> Iterator[T]:
        """``write`` applied to the people's summaries a block at a time, in file order.

        A big pending cohort is validated, evaluated and written by forked workers, each
        doing whole blocks, so neither the summaries nor the written rows of the whole
        cohort are ever held at once; `invalid`, `problems`, `people` and `labels` answer
        once the stream is read to its end.
        """
        if (
            self._subjects is not None
            or self._briefs is not None
            or (len(self._pending) < PARALLEL_MIN)
        ):
            briefs = self.briefs()
            for i in range(0, len(briefs), BLOCK):
                yield write(briefs[i : i + BLOCK])
            return
        if self._prepare is not None:
            try:
                # each worker makes its own blocks entries (parses its people) and evaluates
                # them; a block it cannot read alone sends the file to `reread`, before any
                # answer is given
                yield from self._stream(write, self._prepare)
                return
            except Unprepared:
                self._entries()
        yield from self._stream(write, None)

    def _stream(
        self, write: Callable[[list[PersonBrief]], T], prepare: Callable[..., Any] | None
    ) -> Iterator[T]:
        blocks = [self._pending[i : i + BLOCK] for i in range(0, len(self._pending), BLOCK)]

        def work(entries: Sequence[Any]) -> tuple[T, list[str], list[Invalid], list[str]]:
            done = self._admit_and_brief(entries)
            briefs = [b for b, _ in done if b is not None]
            pairs = zip(entries, done, strict=True)
            bad = [self._invalid_entry(e, f) for e, (b, f) in pairs if b is None]
            return write(briefs), [ln for _, f in done for ln in f], bad, [b.label for b in briefs]

        count, labels, admitted, invalid = 0, [], [], []
        for written, found, bad, names in fork_stream(work, blocks, workers(), prepare):
            count += len(names)
            labels += names if count <= LABELS_KEPT else []
            admitted += found
            invalid += bad
            yield written
        self._admitted, self._invalid = admitted, invalid
        self._streamed = (count, labels if count <= LABELS_KEPT else None)
