"""Hostile inputs (issue 14): escapes never reach the output, every bad value is exit 3 or 2."""

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from certadvisor.catalog.json_io import load_json
from certadvisor.errors import InvalidInputError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "\\e]0;HACKED\\a\\e[2J\\e[31mX"  # YAML double-quoted escapes


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def clean(result: Any) -> None:
    """No escape character and no internal error anywhere in what the person sees."""
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
        assert "internal error" not in stream and "Traceback" not in stream


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_an_escape_in_a_name_is_shown_escaped(run: Any, tmp_path: Path, fmt: str) -> None:
    cohort = write(tmp_path, "c.csv", "name,education.highest\nOK,high_school\n")
    cohort.write_bytes(b"name,education.highest\nOK,high_school\n\x1b[2JBad,none\n")
    result = run("eligible", "cma-aama", "-p", str(cohort), "--format", fmt)
    clean(result)
    assert result.exit_code == 3
    assert "control characters" in result.stderr and "c.csv:row 3" in result.stderr


def test_a_profile_name_with_an_escape_fails_data_validate(run: Any, tmp_path: Path) -> None:
    profile = write(tmp_path, "p.yaml", f'name: "{HOSTILE}"\n')
    result = run("data", "validate", str(profile))
    clean(result)
    assert result.exit_code == 3
    assert "p.yaml:1:7: name:" in result.stderr and "\\e" in result.stderr


@pytest.mark.parametrize(
    ("name", "why"),
    [('"   "', "must not be blank"), ("x" * 101, "over the limit of 100")],
)
def test_names_that_later_commands_refuse_fail_validate_first(
    run: Any, tmp_path: Path, name: str, why: str
) -> None:
    profile = write(tmp_path, "p.yaml", f"name: {name}\n")
    for args in (("data", "validate", str(profile)), ("checklist", "cma-aama", "-p", str(profile))):
        result = run(*args)
        clean(result)
        assert result.exit_code == 3 and why in result.stderr


def test_problem_lines_of_a_cohort_are_escaped(run: Any, tmp_path: Path) -> None:
    cohort = write(tmp_path, "c.yaml", 'profiles:\n  - name: ok\n  - name: "a\\u202eb"\n')
    result = run("eligible", "cma-aama", "-p", str(cohort))
    clean(result)
    assert "\u202e" not in result.stderr and "\\u202e" in result.stderr


def test_a_track_name_with_an_escape_from_data_is_refused(run: Any, tmp_path: Path) -> None:
    text = (ROOT / "data" / "tracks.yaml").read_text()
    bad = text.replace("abbreviation: CMA (AAMA)", 'abbreviation: "CMA\\e[31m"', 1)
    result = run("--data", str(write(tmp_path, "t.yaml", bad)), "tracks")
    clean(result)
    assert result.exit_code == 3 and "tracks[0].abbreviation" in result.stderr


def test_a_newline_in_an_abbreviation_does_not_break_the_calendar(run: Any, tmp_path: Path) -> None:
    text = (ROOT / "data" / "tracks.yaml").read_text()
    bad = text.replace("abbreviation: CMA (AAMA)", 'abbreviation: "CMA\\nX"', 1)
    data = str(write(tmp_path, "t.yaml", bad))
    result = run("--data", data, "plan", "cma-aama", "--exam-date", "2027-06-01", "-f", "ics")
    clean(result)
    assert result.exit_code == 0
    assert "X-WR-CALNAME:CMA X study plan" in result.stdout


def test_the_sanitiser_escapes_every_kind_of_control() -> None:
    from certadvisor.text import safe, safe_line

    assert safe("a\x1b[2J\x07\x9b\u202eb\nc") == "a\\e[2J\\x07\\x9b\\u202eb\nc"
    assert safe_line("a\nb\tc") == "a\\nb\\tc"
    assert safe("plain ü text") == "plain ü text"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("birth_date: 9999-12-31\n", "birth_date: 9999-12-31 is outside 1900-2100"),
        ("as_of: 0001-01-01\n", "as_of: 0001-01-01 is outside 1900-2100"),
        ("procedures:\n  venipunctures: " + "9" * 5000 + "\n", "procedures.venipunctures"),
        ("procedures:\n  venipunctures: 10000000\n", "procedures.venipunctures"),
        ("education:\n  semester_hours:\n    '': 3\n", "subject '': must not be blank"),
        ("education:\n  total_semester_hours: .inf\n", "is not a finite number"),
        ("name: a\nname: b\n", "key 'name' appears twice (lines 1 and 2)"),
        ("x: " + "[" * 70 + "]" * 70 + "\n", "nested more than 64 levels"),
    ],
)
def test_out_of_range_values_are_exit_3_naming_the_field(
    run: Any, tmp_path: Path, text: str, where: str
) -> None:
    profile = write(tmp_path, "p.yaml", text)
    for args in (("data", "validate"), ("eligible", "cma-aama", "-p")):
        result = run(*args, str(profile))
        clean(result)
        assert result.exit_code == 3, result.stderr
        assert where in result.stderr and "p.yaml" in result.stderr


def test_duplicate_experience_no_longer_drops_seven_years(run: Any, tmp_path: Path) -> None:
    profile = write(
        tmp_path,
        "p.yaml",
        "experience:\n  - field: medical_assisting\n    started: 2018-01-01\n"
        "education:\n  highest: high_school\n"
        "experience:\n  - field: phlebotomy\n    started: 2025-01-01\n",
    )
    result = run("eligible", "rma-amt", "-p", str(profile))
    assert result.exit_code == 3
    assert "p.yaml:6:1: experience: key 'experience' appears twice (lines 1 and 6)" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "args",
    [
        ("eligible", "cma-aama", "--as-of", "0001-01-01"),
        ("plan", "cma-aama", "--start", "9999-12-01", "--exam-date", "9999-12-31", "-f", "ics"),
        ("plan", "cma-aama", "--exam-date", "9999-12-31", "-f", "ics"),
        ("wallet", "status", "--as-of", "9999-12-31"),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_usage_errors(run: Any, args: tuple[str]) -> None:
    result = run(*args)
    clean(result)
    assert result.exit_code == 2 and "outside 1900-2100" in result.stderr


def test_a_catalog_as_of_of_a_million_fails_validate(run: Any, tmp_path: Path) -> None:
    text = (ROOT / "data" / "tracks.yaml").read_text()
    bad = write(tmp_path, "t.yaml", text.replace("as_of: 20", "as_of: 1000000 #", 1))
    for args in (("data", "validate", str(bad)), ("--data", str(bad), "data", "sources")):
        result = run(*args)
        clean(result)
        assert result.exit_code == 3 and "as_of: must be a date" in result.stderr


def test_a_symlink_loop_is_exit_3(run: Any, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    loop = str(tmp_path / "a.yaml")
    for args in (("eligible", "-p", loop), ("--data", loop, "tracks"), ("data", "validate", loop)):
        result = run(*args)
        clean(result)
        assert result.exit_code == 3 and "a.yaml: cannot be read" in result.stderr


def test_an_endless_file_is_read_only_up_to_the_limit(
    run: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("certadvisor.catalog.reading.MAX_FILE_BYTES", 4 * 1024 * 1024)
    result = run("eligible", "cma-aama", "-p", "/dev/zero")
    clean(result)
    assert result.exit_code == 3 and "/dev/zero: the file is over the 4 MiB limit" in result.stderr


def test_a_cohort_over_the_row_cap_is_refused(
    run: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = write(tmp_path, "c.csv", "name\n" + "".join(f"p{i}\n" for i in range(5)))
    monkeypatch.setenv("CERTADVISOR_MAX_ROWS", "4")
    result = run("eligible", "cma-aama", "-p", str(cohort))
    assert result.exit_code == 3 and "more than 4 people" in result.stderr
    assert "CERTADVISOR_MAX_ROWS" in result.stderr
    monkeypatch.setenv("CERTADVISOR_MAX_ROWS", "5")
    assert run("eligible", "cma-aama", "-p", str(cohort)).exit_code == 0


def test_an_unclosed_quote_and_a_nul_in_a_cohort_are_refused(run: Any, tmp_path: Path) -> None:
    quote = write(tmp_path, "q.csv", 'name,state\n"Maria,WA\nBob,OR\n')
    result = run("eligible", "cma-aama", "-p", str(quote))
    assert result.exit_code == 3 and "q.csv:row 2: CSV error: a quote is not closed" in (
        result.stderr
    )
    nul = tmp_path / "n.csv"
    nul.write_bytes(b"name\nMa\x00ria\n")
    result = run("eligible", "cma-aama", "-p", str(nul))
    assert result.exit_code == 3 and "n.csv:2: a NUL character" in result.stderr


def test_an_alias_expansion_is_capped_well_below_gigabytes(run: Any, tmp_path: Path) -> None:
    lines = ["a: &a [" + ",".join(["x"] * 100) + "]"]
    lines += [f"b{i}: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]" for i in range(120)]
    result = run("data", "validate", str(write(tmp_path, "p.yaml", "\n".join(lines) + "\n")))
    assert result.exit_code == 3 and "aliases expand" in result.stderr


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"a": 1,\n "b": {"a": 2},\n "a": 3}',
            "x.json:3: a: key 'a' appears twice (lines 1 and 3)",
        ),
        ("[" * 5000 + "]" * 5000, "nested more than 64 levels"),
        ('{"n":\n ' + "9" * 5000 + "}", "x.json:2:1: a number of 5000 digits"),
        ('{"note": "\\u001b[2J"}', "note: text with a control character (\\e)"),
        ('{"n": NaN}', "NaN is not a number"),
    ],
)
def test_the_json_loader_refuses_what_the_yaml_loader_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as err:
        load_json(text.encode(), "x.json")
    assert message in err.value.message


def test_the_json_loader_reads_a_good_document() -> None:
    assert load_json(b'{"a": [1, 2.5, "x\\ny"], "b": null}', "x.json") == {
        "a": [1, 2.5, "x\ny"],
        "b": None,
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_output_to_a_fifo_is_written_through(run: Any, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("tracks", "--format", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])["command"] == "tracks"


def test_output_to_a_device_or_a_symlink_keeps_them(run: Any, tmp_path: Path) -> None:
    assert run("tracks", "-o", os.devnull).exit_code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    real = write(tmp_path, "real.md", "old\n")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("tracks", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text().startswith("# Certification tracks")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere" / "x.md")
    result = run("tracks", "-o", str(dangling))
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_the_wallet_files_are_never_an_output(
    run: Any, isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("wallet", "add", "cma-aama", "--earned", "2024-01-01").exit_code == 0
    store = isolated / "wallet.sqlite3"
    before = store.read_bytes()
    monkeypatch.chdir(isolated)
    link = tmp_path / "w.json"
    link.symlink_to(store)
    for target in ("wallet.sqlite3", "wallet.sqlite3-wal", str(link), "certificates/x.pdf"):
        result = run("wallet", "export", "-o", target)
        clean(result)
        assert result.exit_code == 2 and "one of the wallet's own files" in result.stderr
    assert store.read_bytes() == before


def test_a_full_disk_is_a_clean_error(run: Any) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = run("tracks", "--format", "json", "-o", "/dev/full")
    clean(result)
    assert result.exit_code == 1 and "/dev/full: could not be written" in result.stderr


@pytest.mark.parametrize(
    ("command", "name"),
    [
        (("eligible", "--format", "csv"), "counselor-cohort-one-bad-row.csv"),
        (("report", "--format", "markdown"), "mlt-aiming-at-mls.yaml"),
        (
            ("recommend", "--no-input", "--goal", "either", "--format", "json"),
            "mlt-aiming-at-mls.yaml",
        ),
    ],
)
def test_the_results_are_never_written_over_the_profile_they_come_from(
    run: Any, tmp_path: Path, command: tuple[str, ...], name: str
) -> None:
    profile = tmp_path / name
    profile.write_bytes((EXAMPLES / name).read_bytes())
    link = tmp_path / f"link-{name}"
    link.symlink_to(profile)
    for target in (profile, link):
        result = run(*command, "--profile", str(profile), "-o", str(target))
        assert result.exit_code == 2
        assert "is the input file" in result.stderr and "refusing" in result.stderr
    assert profile.read_bytes() == (EXAMPLES / name).read_bytes()
    elsewhere = tmp_path / "results.out"
    assert run(*command, "--profile", str(profile), "-o", str(elsewhere)).exit_code in (0, 3)
    assert elsewhere.stat().st_size > 0


def test_the_results_are_never_written_over_a_data_file(run: Any, tmp_path: Path) -> None:
    extra = write(tmp_path, "extra.yaml", "tracks: []\n")
    result = run("--data", str(extra), "tracks", "--format", "json", "-o", str(extra))
    assert result.exit_code == 2 and "is the input file" in result.stderr
    assert extra.read_text() == "tracks: []\n"


def test_a_cell_too_long_to_read_names_its_column_and_no_false_header_only(
    run: Any, tmp_path: Path
) -> None:
    rows = ["name,birth_date,education.highest", f"Al,2000-01-01,{'x' * 140_000}"]
    cohort = write(tmp_path, "long.csv", "\n".join([*rows, "Bo,2000-01-01,high_school"]) + "\n")
    result = run("eligible", "--profile", str(cohort))
    clean(result)
    assert result.exit_code == 3
    assert "long.csv:row 2: CSV error: a cell (column 3 'education.highest') is longer" in (
        result.stderr
    )
    assert "the rows after it were not read" in result.stderr
    assert "header row only" not in result.stderr


def test_a_bad_value_is_repeated_escaped_and_the_row_is_named_once(
    run: Any, tmp_path: Path
) -> None:
    cohort = tmp_path / "class.csv"
    cohort.write_text(
        "name,as_of,education.highest,programs.0.field,programs.0.completed\n"
        "Ana,2026-11-30,\x1b[31mhigh school,medical_assisting,2026-13-01\n"
        "Ben,2026-11-30,high_school,,\n"
    )
    r = run("eligible", "--profile", str(cohort))
    assert r.exit_code == 3
    assert "\x1b" not in r.stdout + r.stderr
    # each problem says what it found, escaped (a terminal never acts on it)
    assert "education.highest: must be one of" in r.stderr
    assert "(given: '\\x1b[31mhigh school')" in r.stderr
    assert "programs.0.completed: must be a real date written YYYY-MM-DD (given: '2026-13-01')" in (
        r.stderr
    )
    # the list of people not evaluated names the row once, then the problems
    listed = next(line for line in r.stdout.splitlines() if "row 2, Ana" in line)
    assert listed.strip().startswith("• row 2, Ana: education.highest: must be one of")
    assert "class.csv:row 2" not in r.stdout
