"""The options several commands share, each defined once and spelled the same everywhere."""

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from certadvisor.cli.completion import complete_state, complete_track
from certadvisor.dates import parse_bounded_day


class FormatChoice(StrEnum):
    """Formats of commands whose result is a table."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"


class DocFormatChoice(StrEnum):
    """Formats of commands whose result is a document, not one table."""

    table = "table"
    json = "json"
    markdown = "markdown"


class FormatChoiceIcs(StrEnum):
    """Formats of commands that can also write a calendar."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    ics = "ics"
    xlsx = "xlsx"


class CalendarFormatChoice(StrEnum):
    """Formats of the wallet's calendar."""

    ics = "ics"
    json = "json"


class ExportFormatChoice(StrEnum):
    """Formats of the wallet's export (json is what `wallet import` reads)."""

    json = "json"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"


class HandoutFormatChoice(StrEnum):
    """Formats of table commands that also print as an HTML handout."""

    table = "table"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    xlsx = "xlsx"
    html = "html"


class DocHandoutFormatChoice(StrEnum):
    """Formats of document commands that also print as an HTML handout."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


def _format_help(choices: type[StrEnum]) -> str:
    names = [c.value for c in choices]
    listed = ", ".join(names[1:-1]) + f" or {names[-1]}" if len(names) > 2 else names[-1]
    joiner = ", " if len(names) > 2 else " or "
    return f"{names[0]} (default){joiner}{listed}; inferred from -o's suffix when omitted."


def _format_option(choices: type[StrEnum]) -> typer.models.OptionInfo:
    option: typer.models.OptionInfo = typer.Option(
        "--format", "-f", help=_format_help(choices), case_sensitive=False
    )
    return option


def day_option(text: str) -> dt.date:
    """A YYYY-MM-DD option value; a bad one is a usage error naming the option."""
    try:
        return parse_bounded_day(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


FormatOpt = Annotated[FormatChoice | None, _format_option(FormatChoice)]
DocFormatOpt = Annotated[DocFormatChoice | None, _format_option(DocFormatChoice)]
FormatIcsOpt = Annotated[FormatChoiceIcs | None, _format_option(FormatChoiceIcs)]
CalendarFormatOpt = Annotated[CalendarFormatChoice | None, _format_option(CalendarFormatChoice)]
ExportFormatOpt = Annotated[ExportFormatChoice | None, _format_option(ExportFormatChoice)]
HandoutFormatOpt = Annotated[HandoutFormatChoice | None, _format_option(HandoutFormatChoice)]
DocHandoutFormatOpt = Annotated[
    DocHandoutFormatChoice | None, _format_option(DocHandoutFormatChoice)
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", help="Write to FILE instead of stdout ('-' is stdout).", metavar="FILE"
    ),
]


def validates_models(value: Path | None) -> Path | None:
    """A file given here is validated: the models must be Pydantic's, chosen before they load,
    unless it is a profile whose every value is plainly well-formed (`profiles.vouch`)."""
    if value is not None:
        from certadvisor.models import mode

        if not (mode.plain_allowed() and _vouched(value)):
            mode.need_pydantic()
    return value


def _vouched(path: Path) -> bool:
    from certadvisor.profiles.vouch import vouch

    return vouch(path)


def day_opt(name: str, help: str) -> Any:
    """An option that takes a date as people type it (see certadvisor.dates)."""
    return typer.Option(name, parser=day_option, metavar="YYYY-MM-DD", help=help)


AsOfOpt = Annotated[
    dt.date | None,
    day_opt("--as-of", "Evaluation date (default: the profile's as_of, else today)."),
]
DayOpt = Annotated[dt.date | None, day_opt("--as-of", "The day to count from (default: today).")]
"""`--as-of` where no profile is read (the wallet, `show`, `data sources`)."""
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        "-p",
        help="Profile (YAML) or cohort (YAML profiles: or CSV).",
        metavar="FILE",
        callback=validates_models,
    ),
]
RequiredProfileOpt = Annotated[
    Path,
    typer.Option(
        "--profile",
        "-p",
        help="Profile, or a cohort (then -o is a folder).",
        metavar="FILE",
        callback=validates_models,
    ),
]
PersonOpt = Annotated[
    str | None,
    typer.Option("--person", metavar="NAME", help="Which person of a cohort file."),
]
StateOpt = Annotated[
    str | None,
    typer.Option(
        "--state",
        metavar="XX",
        help="Two-letter state code, e.g. WA; adds its rules.",
        autocompletion=complete_state,
    ),
]
MemberOpt = Annotated[
    bool,
    typer.Option("--member/--no-member", help="Use member prices and count membership dues."),
]
TrackArg = Annotated[
    str,
    typer.Argument(
        help="Track id or unambiguous abbreviation, e.g. CMA.", autocompletion=complete_track
    ),
]
TracksArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Track ids or abbreviations (default: every track).",
        metavar="[TRACK]...",
        show_default=False,
        autocompletion=complete_track,
    ),
]
SettingOpt = Annotated[
    str | None,
    typer.Option(metavar="SETTING", help="clinic, hospital, laboratory or public health."),
]
BudgetOpt = Annotated[
    int | None, typer.Option(min=0, metavar="DOLLARS", help="Most you can pay to sit the exam.")
]
MonthsOpt = Annotated[
    float | None,
    typer.Option(min=0, metavar="MONTHS", help="Months you have until you want the credential."),
]
