"""Loading people: one profile, a YAML cohort, a CSV cohort; every bad entry named on its own."""

import datetime as dt
from pathlib import Path

import pytest

from certadvisor.errors import InvalidInputError
from certadvisor.profiles import load_profiles, read_profiles, scan_profiles

HEADER = (
    "name,education.highest,education.semester_hours.chemistry,programs.0.field,"
    "programs.0.accreditation,programs.0.completed,experience.0.field,experience.0.started,"
    "experience.0.ended,experience.0.fte,experience.0.duties,credentials.0.id,procedures.ekgs\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_csv_cell_of_state_approvals_is_a_list_as_accreditation_is(tmp_path: Path) -> None:
    """A program approved by one or more states ('CA', 'CA|WA') reads as those states, so a
    California or Washington student is not refused for writing one state in the cell."""
    text = (
        "name,state,programs.0.field,programs.0.completed,programs.0.state_approved\n"
        "Priya,CA,phlebotomy,2026-06-01,CA\n"
        "Liam,WA,medical_assisting,2026-05-01,CA|WA\n"
    )
    loaded = read_profiles(write(tmp_path, "c.csv", text))
    assert loaded.problems == []
    approved = [person.profile.programs[0].state_approved for person in loaded.people]  # type: ignore[index]
    assert approved == [["CA"], ["CA", "WA"]]


def test_a_csv_row_becomes_the_nested_profile(tmp_path: Path) -> None:
    row = (
        "Ana,GED,8,phlebotomy,NAACLS; ABHES,2025-05-01,ekg,2024-01-02,,0.5,"
        "clinical|phlebotomy,CPT-NHA,12\n"
    )
    loaded = read_profiles(write(tmp_path, "c.csv", HEADER + row))
    assert loaded.problems == []
    (ana,) = loaded.people
    p = ana.profile
    assert ana.label == "Ana" and p.name == "Ana"
    assert p.education is not None and p.education.highest == "high_school"
    assert p.education.semester_hours == {"chemistry": 8}
    assert p.programs is not None and p.programs[0].accreditation == ["NAACLS", "ABHES"]
    assert p.programs[0].completed == dt.date(2025, 5, 1)
    assert p.experience is not None and p.experience[0].ended is None
    assert p.experience[0].duties == ["clinical", "phlebotomy"]
    assert p.credentials is not None and p.credentials[0].id == "cpt-nha"
    assert p.procedures == {"ekgs": 12}


def test_an_empty_cell_is_unknown_and_none_is_an_empty_list(tmp_path: Path) -> None:
    text = "name,experience,programs,credentials.0.id\nBo,none,,\n,[],,\n"
    loaded = read_profiles(write(tmp_path, "c.csv", text))
    assert loaded.problems == []
    bo, unnamed = loaded.people
    assert bo.profile.experience == [] and bo.profile.programs is None
    assert bo.profile.credentials is None
    assert unnamed.label == "row 3" and unnamed.profile.name is None


def test_every_bad_row_is_named_with_its_row_and_field(tmp_path: Path) -> None:
    rows = (
        "Good,high_school,,,,,,,,,,,\n"
        "Bad date,high_school,,phlebotomy,,2026-02-30,,,,,,,\n"
        "Backwards,high_school,,,,,patient_care,2025-06-01,2024-06-01,,,,\n"
        "Negative,high_school,-2,,,,,,,,,,\n"
        "Unknown acc,high_school,,mlt,NAACLS;FOO,,,,,,,,\n"
        "Wrong field,high_school,,,,,surgery,2024-01-01,,,,,\n"
        "\n"
        "Typo id,high_school,,,,,,,,,,mlt-acsp,\n"
        ",,,,,,,,,,,,\n"
        "Also good,bachelor,,,,,,,,,,mls,\n"
    )
    loaded = read_profiles(write(tmp_path, "cohort.csv", HEADER + rows))
    assert [p.label for p in loaded.people] == ["Good", "Also good"]
    assert loaded.entries == 8
    text = "\n".join(loaded.problems)
    assert len(loaded.problems) == 6, text
    assert "cohort.csv:row 3 (Bad date): programs.0.completed: must be a real date" in text
    assert "cohort.csv:row 4 (Backwards): experience.0: ended (2024-06-01) is before" in text
    assert "row 5 (Negative): education.semester_hours.chemistry: must be at least 0" in text
    assert "row 6 (Unknown acc): programs.0.accreditation.1: must be one of" in text
    assert "row 7 (Wrong field): experience.0.field: must be one of" in text
    assert "row 9 (Typo id): credentials.0.id: unknown track 'mlt-acsp'" in text
    assert "mlt-ascp" in text


def test_bad_columns_are_named_once_and_never_silently_used(tmp_path: Path) -> None:
    text = "name,educaton.highest,programs.x.field,experience.0.colour,name\nAna,high_school,,,\n"
    loaded = read_profiles(write(tmp_path, "c.csv", text))
    assert len(loaded.problems) == 4
    assert loaded.problems[0].endswith(":row 1: column 2 'educaton.highest': not a profile key")
    assert any("column 5 'name': the column appears twice" in p for p in loaded.problems)
    assert any("'colour' is not a key of experience" in p for p in loaded.problems)
    assert [p.label for p in loaded.people] == ["Ana"]


def test_list_columns_may_skip_numbers_and_keep_their_column_names(tmp_path: Path) -> None:
    text = "name,experience.3.field,experience.3.started\nAna,phlebotomy,2026-13-01\n"
    loaded = read_profiles(write(tmp_path, "c.csv", text))
    assert loaded.people == []
    assert loaded.problems == [
        f"{tmp_path / 'c.csv'}:row 2 (Ana): experience.3.started: must be a real date written "
        "YYYY-MM-DD (given: '2026-13-01')"
    ]


def test_none_and_numbered_columns_contradict(tmp_path: Path) -> None:
    text = "name,experience,experience.0.field,experience.0.started\nAna,none,ekg,2024-01-01\n"
    loaded = read_profiles(write(tmp_path, "c.csv", text))
    assert loaded.people == []
    assert "says none" in loaded.problems[0]


def test_more_cells_than_columns_is_a_problem(tmp_path: Path) -> None:
    loaded = read_profiles(write(tmp_path, "c.csv", "name\nAna,extra\n"))
    assert loaded.people == [] and "more cell(s) than the header" in loaded.problems[0]


def test_a_header_without_people_is_a_problem(tmp_path: Path) -> None:
    loaded = read_profiles(write(tmp_path, "c.csv", HEADER))
    assert loaded.people == [] and "no people" in loaded.problems[0]
    with pytest.raises(InvalidInputError):
        read_profiles(write(tmp_path, "empty.csv", ""))


def test_a_yaml_cohort_names_each_bad_person_with_line_and_field(tmp_path: Path) -> None:
    text = (
        "profiles:\n"
        "  - name: Ana\n"
        "    credentials: [{id: CMA}]\n"
        "  - name: Bob\n"
        "    experience:\n"
        "      - {field: phlebotomy, started: 2025-06-01, ended: 2025-01-01}\n"
        "  - education: {highest: phd}\n"
        "  - name: Dee\n"
        "    state: zz\n"
        "  - name: Eve\n"
        "    credentials: [{id: CPT}]\n"
    )
    loaded = read_profiles(write(tmp_path, "c.yaml", text))
    assert [p.label for p in loaded.people] == ["Ana"]
    assert loaded.people[0].profile.credentials[0].id == "cma-aama"  # type: ignore[index]
    text_out = "\n".join(loaded.problems)
    assert "c.yaml:6:9: profiles[1] (Bob): experience[0]: ended (2025-01-01) is before" in text_out
    assert "c.yaml:7:" in text_out
    assert "profiles[2] (person 3): education.highest: must be one of" in text_out
    assert "profiles[3] (Dee): state: 'ZZ' is not a US state code" in text_out
    assert "profiles[4] (Eve): credentials[0].id: 'CPT' is ambiguous" in text_out


def test_one_person_and_strict_loading(tmp_path: Path) -> None:
    good = write(tmp_path, "me.yaml", "name: Mo\nexperience: []\n")
    (mo,) = load_profiles(good)
    assert mo.label == "Mo" and mo.profile.experience == []
    unnamed = write(tmp_path, "maria.yaml", "military: true\n")
    assert load_profiles(unnamed)[0].label == "maria"
    bad = write(tmp_path, "bad.yaml", "name: Mo\nexperiance: []\n")
    with pytest.raises(InvalidInputError) as err:
        load_profiles(bad)
    assert "experiance: is not a known key" in err.value.message
    assert load_profiles(bad, strict=False) == []


def test_not_a_profile_at_all(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError):
        read_profiles(write(tmp_path, "list.yaml", "- a\n- b\n"))
    with pytest.raises(InvalidInputError):
        read_profiles(write(tmp_path, "empty.yaml", "profiles: []\n"))
    with pytest.raises(InvalidInputError):
        read_profiles(tmp_path / "missing.yaml")


def test_only_a_yaml_file_without_profiles_is_one_person(tmp_path: Path) -> None:
    assert scan_profiles(write(tmp_path, "me.yaml", "name: Mo\n")).single
    assert not scan_profiles(write(tmp_path, "c.yaml", "profiles: [{name: Mo}]\n")).single
    assert not scan_profiles(write(tmp_path, "c.csv", "name\nMo\n")).single


def test_yaml_dates_are_read_as_text_and_checked_per_person(tmp_path: Path) -> None:
    text = (
        "profiles:\n"
        "  - name: Ana\n"
        "    birth_date: 2001-02-29\n"
        "  - name: Ben\n"
        "    birth_date: 2000-02-29\n"
        "    experience: [{field: ekg, started: 2025-01-31, ended: 2025-04-31}]\n"
        "  - name: Cy\n"
        "    as_of: 2026-11-26\n"
        "    credentials: [{id: cma, earned: 2024-02-29}]\n"
    )
    loaded = read_profiles(write(tmp_path, "c.yaml", text))
    (cy,) = loaded.people
    assert cy.profile.as_of == dt.date(2026, 11, 26)
    assert cy.profile.credentials[0].earned == dt.date(2024, 2, 29)  # type: ignore[index]
    assert [line.split("/")[-1] for line in loaded.problems] == [
        "c.yaml:3:5: profiles[0] (Ana): birth_date: must be a real date written YYYY-MM-DD "
        "(given: '2001-02-29')",
        "c.yaml:6:52: profiles[1] (Ben): experience[0].ended: must be a real date written "
        "YYYY-MM-DD (given: '2025-04-31')",
    ]
