"""Load the people to evaluate: one profile (YAML), a YAML cohort (`profiles:`) or a CSV cohort.

`read_profiles(path)` validates every person on their own and returns the good ones with one
plain line per problem ("cohort.csv:row 4 (Maria): experience.0.ended: ..."), so a command
can evaluate the others and still exit 3. `load_profiles(path)` is the strict form
(`data validate`): any problem raises `InvalidInputError` naming all of them.

CSV columns are the flat spellings of the profile's keys: `name`, `education.highest`,
`education.semester_hours.chemistry`, `programs.0.field`, `programs.0.accreditation`
(several values separated by `;` or `|`), `experience.1.started`, `credentials.0.id`, ...
An empty cell leaves the key out (unknown), or with `blank_means_none` means none (see
`flat.blanks_as_none`); a bare list column (`programs`, `experience`,
`credentials`) holding `none` says the list is empty. Rows are counted as a spreadsheet
shows them: the header is row 1. Credential ids resolve like track ids everywhere
(any case, or an unambiguous abbreviation).
"""

import csv
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from certadvisor import catalog
from certadvisor.catalog.states import state_codes
from certadvisor.catalog.yaml_io import decode_text, read_text, validation_lines
from certadvisor.errors import CertAdvisorError, InvalidInputError
from certadvisor.models import mode
from certadvisor.models.base import ValidationError
from certadvisor.models.profile import Profile
from certadvisor.profiles.flat import (
    blanks_as_none,
    column_problem,
    flat_path,
    listify,
    nest,
    plan_columns,
)
from certadvisor.profiles.vouch import taken
from certadvisor.profiles.well_formed import build_profile, profile_values

Resolver = Callable[[str], str]


@dataclass(frozen=True)
class Person:
    """One profile with the label messages and tables use (its name, or where it came from)."""

    label: str
    profile: Profile


@dataclass(frozen=True)
class ProfileLoad:
    """The people that validated and one line per problem with the others."""

    people: list[Person]
    problems: list[str]
    entries: int


def load_profiles(
    path: Path, *, strict: bool = True, resolve: Resolver | None = None
) -> list[Person]:
    """Every person of a profile or cohort file; with `strict`, any bad entry is an error."""
    loaded = read_profiles(path, resolve)
    if strict and loaded.problems:
        raise InvalidInputError(
            loaded.problems[0],
            "Fix the entries named and run `certadvisor data validate FILE`.",
            loaded.problems,
        )
    return loaded.people


Admit = Callable[[Any], tuple[Person | None, list[str]]]


@dataclass(frozen=True)
class Scan:
    """A profile or cohort file read and split into entries, each validated by `admit`.

    `problems` are about the file as a whole (a bad CSV column, an unknown cohort key).
    Keeping validation per entry lets a caller validate and use each person in one go, in
    parallel for a big cohort, without carrying validated models between processes.
    """

    problems: list[str]
    entries: list[Any]
    admit: Admit
    single: bool = False  # one person's profile, not a cohort (YAML without `profiles:`)
    locate: Callable[[Any], tuple[int | None, str | None]] = lambda entry: (None, None)
    """Where an entry sits (its CSV row or its place in the YAML list, from 1) and its name."""
    deferred: "Deferred | None" = None
    """Set when `entries` were left unread (see `scan_profiles(defer=True)`)."""


@dataclass(frozen=True)
class Deferred:
    """A big YAML cohort's people left as text, to be parsed by whoever evaluates them.

    `people` numbers them; `prepare(numbers)` parses those people into entries for `admit`
    (None when their text does not parse alone); `read()` gives every entry, reading the
    file as a whole when need be (and raising its error, when it has one).
    """

    people: range
    prepare: Callable[[Sequence[int]], list[Any] | None]
    read: Callable[[], list[Any]]


def read_profiles(path: Path, resolve: Resolver | None = None) -> ProfileLoad:
    """Read a profile, YAML cohort or CSV cohort; bad entries become problem lines."""
    scan = scan_profiles(path, resolve)
    people, problems = [], list(scan.problems)
    for entry in scan.entries:
        person, found = scan.admit(entry)
        problems += found
        if person is not None:
            people.append(person)
    return ProfileLoad(people, problems, len(scan.entries))


def scan_profiles(
    path: Path,
    resolve: Resolver | None = None,
    *,
    blank_means_none: bool = False,
    defer: bool = False,
) -> Scan:
    """Read a profile, YAML cohort or CSV cohort into entries, without validating them yet.

    `blank_means_none`: in a CSV cohort, an empty cell means none rather than unknown.
    `defer`: a big YAML cohort laid out to be cut (profiles.yaml_split) is not parsed here:
    its `entries` are empty and `deferred` says how to parse its people (for a caller that
    evaluates them in parallel, each worker parsing its own).
    """
    label = str(path)
    kept = taken(path)  # read and parsed already by `--profile` (profiles.vouch)
    raw = kept[0] if kept else read_text(path, label)
    lookup = _memo(resolve or _default_resolver())
    if path.suffix.lower() == ".csv":
        return _scan_csv(raw, label, lookup, blank_means_none)
    if defer and not kept:
        scan = _deferred_yaml(raw, label, path.stem, lookup)
        if scan is not None:
            return scan
    return _scan_yaml(raw, label, path.stem, lookup, kept[1] if kept else _UNREAD)


DEFAULT_MAX_PEOPLE = 1_000_000


def cohort_row_limit() -> int:
    """How many people a cohort may hold: CERTADVISOR_MAX_ROWS, else 1,000,000."""
    raw = os.environ.get("CERTADVISOR_MAX_ROWS", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else DEFAULT_MAX_PEOPLE


def _too_many(label: str, limit: int) -> InvalidInputError:
    return InvalidInputError(
        f"{label}: more than {limit:,} people in one cohort",
        "Split the file, or raise the limit with CERTADVISOR_MAX_ROWS=N.",
    )


def _default_resolver() -> Resolver:
    return catalog.load().resolve


_Lookup = Callable[[str], "str | CertAdvisorError"]


def _memo(resolve: Resolver) -> _Lookup:
    """The resolver with its answers (and refusals) remembered: cohorts repeat ids a lot."""
    seen: dict[str, str | CertAdvisorError] = {}

    def lookup(query: str) -> str | CertAdvisorError:
        if query not in seen:
            try:
                seen[query] = resolve(query)
            except CertAdvisorError as exc:
                seen[query] = exc
        return seen[query]

    return lookup


def _resolve_ids(
    items: object,
    lookup: _Lookup,
    where: str,
    back: dict[tuple[str, int], int] | None = None,
) -> list[str]:
    """Replace credential ids by track ids in place; one problem per id that names none.

    `back` maps list positions to CSV column numbers (flat names); without it the YAML
    spelling `credentials[i].id` is used.
    """
    problems = []
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                found = lookup(item["id"])
                if isinstance(found, CertAdvisorError):
                    field = (
                        f"credentials[{i}].id"
                        if back is None
                        else f"credentials.{back.get(('credentials', i), i)}.id"
                    )
                    hint = f" ({found.hint})" if found.hint else ""
                    problems.append(f"{where}: {field}: {found.message}{hint}")
                else:
                    item["id"] = found
    return problems


def _state_problem(profile: Profile) -> str | None:
    if profile.state is not None and profile.state not in state_codes():
        return f"state: {profile.state!r} is not a US state code"
    return None


_YamlEntry = tuple[Any, list[int | str], str]


def _yaml_entries(
    data: dict[str, Any], label: str, stem: str
) -> tuple[list[_YamlEntry], list[str]]:
    """Each person of a one-person file or a cohort (with where it is and a name to call it),
    and the problems of the cohort's own keys."""
    if "profiles" not in data:
        return [(data, [], data.get("name") or stem)], []
    items = data["profiles"]
    problems = [
        f"{label}: {k}: is not a known key (a cohort has only 'profiles')"
        for k in data
        if k != "profiles"
    ]
    if not isinstance(items, list) or not items:
        raise InvalidInputError(f"{label}: profiles: must be a list of at least one person")
    if len(items) > cohort_row_limit():
        raise _too_many(label, cohort_row_limit())
    entries: list[_YamlEntry] = [
        (item, ["profiles", i], _who(item, i)) for i, item in enumerate(items)
    ]
    return entries, problems


_UNREAD: Any = object()


def _validate_profile(item: object) -> Profile:
    """The profile from one entry: Pydantic's validation, or with the plain models (a file
    `profiles.vouch` found plainly well-formed) the values `well_formed` reads."""
    if not mode.decide():
        return Profile.model_validate(item)
    values = profile_values(item)
    if values is None:  # not vouched for after all: validate, in a process with Pydantic
        mode.need_pydantic()
    assert values is not None
    return build_profile(values)


def _scan_yaml(raw: bytes, label: str, stem: str, lookup: _Lookup, data: Any = _UNREAD) -> Scan:
    if data is _UNREAD:
        from certadvisor.profiles.yaml_split import load_cohort_yaml

        data = load_cohort_yaml(raw, label)
    if not isinstance(data, dict):
        raise InvalidInputError(
            f"{label}: not a profile (expected keys such as name, education, experience)",
            "See `certadvisor data schema profile` for the format.",
        )
    entries, problems = _yaml_entries(data, label, stem)

    def admit(entry: tuple[Any, list[int | str], str]) -> tuple[Person | None, list[str]]:
        item, prefix, who = entry
        return _admit_yaml(
            item,
            prefix,
            who,
            label,
            lookup,
            lambda e: validation_lines(e, data, raw, label, prefix),
        )

    def locate(entry: tuple[Any, list[int | str], str]) -> tuple[int | None, str | None]:
        return _locate_yaml(entry[0], entry[1])

    return Scan(problems, entries, admit, single="profiles" not in data, locate=locate)


def _admit_yaml(
    item: Any,
    prefix: list[int | str],
    who: str,
    label: str,
    lookup: _Lookup,
    lines_of: Callable[[ValidationError], list[str]],
    local: int | None = None,
) -> tuple[Person | None, list[str]]:
    """One person of a YAML file validated; `lines_of` locates a validation error's lines
    (in a document where the person is `profiles[local]`, by default where the file has
    them), which then name the person's place in the cohort as `profiles[i] (name)`."""
    tag = f"profiles[{prefix[1]}] ({who})" if prefix else None
    where = f"{label}: {tag}" if tag else label
    if isinstance(item, dict) and isinstance(item.get("credentials"), list):
        item = {
            **item,
            "credentials": [dict(c) if isinstance(c, dict) else c for c in item["credentials"]],
        }
    found = _resolve_ids(item.get("credentials") if isinstance(item, dict) else None, lookup, where)
    try:
        profile = _validate_profile(item)
    except ValidationError as exc:
        lines = lines_of(exc)
        if tag:
            at = f"profiles[{prefix[1] if local is None else local}]"
            lines = [
                ln.replace(f"{at}.", f"{tag}: ", 1).replace(f"{at}:", f"{tag}:", 1) for ln in lines
            ]
        return None, lines + found
    state = _state_problem(profile)
    if state:
        found.append(f"{where}: {state}")
    return (None if found else Person(str(who), profile)), found


def _locate_yaml(item: Any, prefix: list[int | str]) -> tuple[int | None, str | None]:
    name = item.get("name") if isinstance(item, dict) else None
    place = int(prefix[1]) + 1 if prefix else None
    return place, name if isinstance(name, str) else None


def _who(item: Any, i: int) -> str:
    """What to call the i-th person of a cohort (from 0): their name, or their place."""
    name = item.get("name") if isinstance(item, dict) else None
    return str(name or f"person {i + 1}")


def _deferred_yaml(raw: bytes, label: str, stem: str, lookup: _Lookup) -> Scan | None:
    """`_scan_yaml` for a big cohort laid out to be cut, its people parsed later (a block at
    a time, by `Deferred.prepare`), or None for any other file."""
    from certadvisor.profiles.yaml_split import PREFIX, parse_share, split_people

    found = split_people(raw, label)
    if found is None:
        return None
    texts, first_lines = found
    if len(texts) > cohort_row_limit():
        raise _too_many(label, cohort_row_limit())
    whole: list[Scan] = []  # the file read as a whole, once it had to be

    def prepare(numbers: Sequence[int]) -> list[Any] | None:
        items = parse_share([texts[i] for i in numbers])
        if items is None:
            return None
        pairs = zip(numbers, items, strict=True)
        return [(item, ["profiles", i], _who(item, i), i) for i, item in pairs]

    def read() -> list[Any]:
        # a block that did not parse alone: the file is read as a whole, as without `defer`
        if not whole:
            whole.append(_scan_yaml(raw, label, stem, lookup))
        return whole[0].entries

    def piece_lines(exc: ValidationError, item: Any, number: int) -> list[str]:
        """The validation lines of one person, located in their own text."""
        text = (PREFIX + texts[number]).encode()
        # the person's text is line 2 of its own document and first_lines[number] of the file
        return validation_lines(
            exc, {"profiles": [item]}, text, label, ["profiles", 0], first_lines[number] - 2
        )

    def admit(entry: tuple[Any, ...]) -> tuple[Person | None, list[str]]:
        if len(entry) == 3:
            return whole[0].admit(entry)
        item, prefix, who, number = entry
        return _admit_yaml(
            item, prefix, who, label, lookup, lambda e: piece_lines(e, item, number), local=0
        )

    def locate(entry: tuple[Any, ...]) -> tuple[int | None, str | None]:
        return _locate_yaml(entry[0], entry[1])

    return Scan(
        [],
        [],
        admit,
        locate=locate,
        deferred=Deferred(range(len(texts)), prepare, read),
    )


def _header_problems(header: list[str], label: str) -> list[str]:
    """Unknown or repeated columns, each named (and blanked so that it is not read)."""
    problems = []
    seen: set[str] = set()
    for i, column in enumerate(header):
        why = (
            "the column appears twice"
            if column in seen
            else column_problem(column)
            if column
            else None
        )
        seen.add(column)
        if why:
            problems.append(f"{label}:row 1: column {i + 1} {column!r}: {why}")
            header[i] = ""
    return problems


def _csv_entries(
    text: str, label: str, problems: list[str]
) -> tuple[list[str], list[tuple[int, str]], Callable[[str], list[str]]]:
    """The header, then the non-blank rows with their row numbers, up to the cohort limit,
    and how to read a row's cells; a CSV error stops the reading and is added to
    ``problems``.

    Each row is kept as its own text, read again by whoever evaluates it: a big cohort's
    rows cost a few hundred bytes each that way, against kilobytes as lists of cells.
    """
    plain = _unquoted_entries(text, label)
    if plain is not None:
        return plain[0], plain[1], _split_line
    source = _Taken(_lines(text))
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file
    rows = csv.reader(source, strict=True)
    try:
        header = [h.strip() for h in next(rows)]
    except (StopIteration, csv.Error):
        raise InvalidInputError(f"{label}: an empty CSV file (it needs a header row)") from None
    source.take()  # the header's own text
    entries: list[tuple[int, str]] = []
    limit = cohort_row_limit()
    n = 1
    try:
        for n, row in enumerate(rows, start=2):
            taken = source.take()
            if any(row) and any(c.strip() for c in row):
                entries.append((n, taken))
                if len(entries) > limit:
                    raise _too_many(label, limit)
    except csv.Error as exc:
        why = _csv_error_words(str(exc), source.take(), header)
        problems.append(f"{label}:row {n + 1}: CSV error: {why}; the rows after it were not read")
    return header, entries, _cells


def _csv_error_words(error: str, row_text: str, header: list[str]) -> str:
    """The CSV reader's error in plain words, naming the column of a cell too long to read."""
    if "end of data" in error:
        return "a quote is not closed"
    if "field limit" not in error:
        return error
    limit = csv.field_size_limit()
    cells = row_text.split(",")
    long = next((i for i, cell in enumerate(cells) if len(cell) > limit), None)
    column = (
        f" (column {long + 1} {header[long]!r})" if long is not None and long < len(header) else ""
    )
    return f"a cell{column} is longer than the {limit:,} characters a cell may hold"


def _unquoted_entries(text: str, label: str) -> tuple[list[str], list[tuple[int, str]]] | None:
    """`_csv_entries` for a file without a quote (most exports): a row is a line and its
    cells lie between commas, so no CSV reader is needed to find where rows end. None for
    any file the reader must read (quotes, a lone carriage return, an empty first line,
    a cell past the reader's size limit)."""
    if '"' in text:
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or not lines[0] or max(map(len, lines)) > csv.field_size_limit():
        return None
    header = [h.strip() for h in lines[0].split(",")]
    # A row of empty or blank cells is no one. Most rows start with a name: seen at once
    # after any leading commas and spaces, without copying the line.
    entries = [
        (n, ln)
        for n, ln in enumerate(lines[1:], start=2)
        if (rest := ln.lstrip(", ")) and (not rest[0].isspace() or rest.replace(",", "").strip())
    ]
    limit = cohort_row_limit()
    if len(entries) > limit:
        raise _too_many(label, limit)
    return header, entries


class _Taken:
    """Lines passed on to the CSV reader, remembered until `take` (one row's own text)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._taken: list[str] = []

    def __iter__(self) -> "_Taken":
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._taken.append(line)
        return line

    def take(self) -> str:
        taken, self._taken = "".join(self._taken), []
        return taken


def _split_line(row_text: str) -> list[str]:
    """A row's cells from a line of a file without quotes: what the CSV reader gives."""
    return row_text.split(",")


def _cells(row_text: str) -> list[str]:
    """One row's cells from its own text (as read once already, so it parses)."""
    one_line = "\r" not in row_text and row_text.find("\n") in (-1, len(row_text) - 1)
    return next(csv.reader([row_text] if one_line else _lines(row_text), strict=True), [])


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time, as `open(newline="")` gives them.

    Not an `io.StringIO`: it would copy a big cohort's text at four bytes a character.
    """
    return (m.group() for m in _LINE.finditer(text))


def _scan_csv(raw: bytes, label: str, lookup: _Lookup, blank_means_none: bool = False) -> Scan:
    problems: list[str] = []
    header, entries, cells = _csv_entries(decode_text(raw, label), label, problems)
    stopped = bool(problems)  # a CSV error ended the reading: the rows after it are unknown
    problems[:0] = _header_problems(header, label)
    if not entries and not stopped:
        problems.append(f"{label}: no people (the file has a header row only)")
    plans = plan_columns(header)
    width = len(header)
    validate = Profile.model_validate

    def admit(entry: tuple[int, str]) -> tuple[Person | None, list[str]]:
        n, row = entry[0], cells(entry[1])
        data, found = nest(plans, row)
        if blank_means_none:
            blanks_as_none(plans, data)
        name = data.get("name")
        where = f"{label}:row {n}" + (f" ({name})" if isinstance(name, str) else "")
        if len(row) > width:
            found.append(f"{len(row) - width} more cell(s) than the header has columns")
        back = listify(data)
        found = [f"{where}: {p}" for p in found]
        found += _resolve_ids(data.get("credentials"), lookup, where, back)
        try:
            profile = validate(data)
        except ValidationError as exc:
            lines = validation_lines(exc, data, None, where)
            return None, [flat_path(ln, back) for ln in lines] + found
        state = _state_problem(profile)
        if state:
            found.append(f"{where}: {state}")
        if found:
            return None, found
        return Person(str(name) if name else f"row {n}", profile), []

    at = header.index("name") if "name" in header else None

    def locate(entry: tuple[int, str]) -> tuple[int | None, str | None]:
        n, row = entry[0], cells(entry[1])
        name = row[at].strip() if at is not None and at < len(row) else ""
        return n, name or None

    return Scan(problems, entries, admit, locate=locate)
