"""A CSV cohort's flat columns ('programs.0.field') as the nested keys of the profile format.

Pure: column names are checked once, then each row becomes the nested mapping a profile
validates from, and validation messages are spelled back as the columns they came from.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from certadvisor.models.profile import Education, HeldCredential, Job, Profile, Program
from certadvisor.models.vocab import Procedure

_LISTS: dict[str, set[str]] = {
    "programs": set(Program.model_fields),
    "experience": set(Job.model_fields),
    "credentials": set(HeldCredential.model_fields),
}
_MULTI = {("programs", "accreditation"), ("programs", "state_approved"), ("experience", "duties")}
_EMPTY_LIST = {"none", "[]"}
_SPLIT = re.compile(r"\s*[;|]\s*")
_INDEX = re.compile(r"\b(programs|experience|credentials)\[(\d+)\]")


def column_problem(column: str) -> str | None:
    """Why a CSV column is not a profile key, or None when it is one."""
    parts = column.split(".")
    head = parts[0]
    if head in _LISTS:
        if len(parts) == 1:
            return None
        if len(parts) != 3 or not parts[1].isdigit():
            key = "id" if head == "credentials" else "field"
            return f"write list columns as {head}.N.KEY (for example {head}.0.{key})"
        return None if parts[2] in _LISTS[head] else f"{parts[2]!r} is not a key of {head}"
    if head == "education":
        if len(parts) == 3 and parts[1] == "semester_hours":
            return None
        if len(parts) == 2 and parts[1] in Education.model_fields and parts[1] != "semester_hours":
            return None
        return (
            "education columns are education.highest, education.total_semester_hours and "
            "education.semester_hours.SUBJECT"
        )
    if head == "procedures":
        names = [p.value for p in Procedure]
        if len(parts) == 2 and parts[1] in names:
            return None
        return f"procedure columns are procedures.{{{','.join(names)}}}"
    if len(parts) == 1 and head in Profile.model_fields:
        return None
    return "not a profile key"


@dataclass(frozen=True, slots=True)
class Column:
    """Where one CSV column's cells go in the nested profile."""

    name: str
    path: tuple[str, ...]
    index: int = -1
    multi: bool = False


def plan_columns(header: Sequence[str]) -> list[Column | None]:
    """Each usable column's destination, worked out once for the whole file."""
    plans: list[Column | None] = []
    for column in header:
        if not column:
            plans.append(None)
            continue
        parts = tuple(column.split("."))
        if parts[0] in _LISTS and len(parts) == 3:
            plans.append(
                Column(column, (parts[0], parts[2]), int(parts[1]), (parts[0], parts[2]) in _MULTI)
            )
        else:
            plans.append(Column(column, parts))
    return plans


def nest(plans: Sequence[Column | None], row: Sequence[str]) -> tuple[dict[str, Any], list[str]]:
    """A flat CSV row as the nested mapping of the profile format (indices kept as dict keys)."""
    out: dict[str, Any] = {}
    problems = []
    for plan, cell in zip(plans, row, strict=False):
        if plan is None or not cell:
            continue
        value = cell.strip()
        if not value:
            continue
        path = plan.path
        head = path[0]
        if plan.index >= 0:
            slot = out.setdefault(head, {})
            if isinstance(slot, list):
                problems.append(f"{plan.name}: {head} says none, but this column is filled")
                continue
            item = slot.setdefault(plan.index, {})
            item[path[1]] = _SPLIT.split(value) if plan.multi else value
        elif head in _LISTS:
            if value.lower() not in _EMPTY_LIST:
                problems.append(
                    f"{plan.name}: write 'none' for no {head} (or use {head}.0.* columns)"
                )
            elif isinstance(out.get(head), dict):
                problems.append(f"{plan.name}: says none, but {head}.N columns are filled")
            else:
                out[head] = []
        elif len(path) == 1:
            out[head] = value
        else:
            node = out
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node[path[-1]] = value
    return out, problems


def listify(data: dict[str, Any]) -> dict[tuple[str, int], int]:
    """Turn indexed dicts into lists; map list positions back to the column numbers used."""
    back: dict[tuple[str, int], int] = {}
    for head in _LISTS:
        slot = data.get(head)
        if isinstance(slot, dict):
            keys = sorted(slot)
            data[head] = [slot[k] for k in keys]
            back.update({(head, pos): k for pos, k in enumerate(keys)})
    return back


def flat_path(line: str, back: dict[tuple[str, int], int]) -> str:
    """'experience[0].ended' as the CSV column it came from ('experience.2.ended')."""

    def sub(m: re.Match[str]) -> str:
        head, pos = m.group(1), int(m.group(2))
        return f"{head}.{back.get((head, pos), pos)}"

    return re.sub(r"\[(\d+)\]", r".\1", _INDEX.sub(sub, line))


# What "none" is for each kind of column when a blank cell means none (--blank-means-none).
_NONE_SCALARS = {
    ("military",): "false",
    ("education", "highest"): "none",
    ("education", "total_semester_hours"): "0",
}


def blanks_as_none(plans: Sequence[Column | None], data: dict[str, Any]) -> None:
    """Fill what a row left blank with "none": empty lists, zero counts and hours, no military.

    Only the file's own columns count: a column the file does not have stays unknown. Inside a
    listed program or job, a blank cell keeps its own meaning (no `completed` date: under way).
    """
    for plan in plans:
        if plan is None:
            continue
        path = plan.path
        head = path[0]
        if head in _LISTS:
            data.setdefault(head, [])
        elif path in _NONE_SCALARS:
            node = data
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node.setdefault(path[-1], _NONE_SCALARS[path])
        elif head == "procedures" or path[:2] == ("education", "semester_hours"):
            node = data
            for part in path[:-1]:
                node = node.setdefault(part, {})
            node.setdefault(path[-1], "0")
