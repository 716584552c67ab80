"""`show TRACK --state XX`: what the work pays there, each figure with its source and period."""

from typing import Any


def test_show_with_a_state_gives_its_pay_and_the_national_figure(run: Any) -> None:
    result = run("show", "cma-aama", "--state", "WA")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())  # the table wraps long lines
    assert "Washington, Medical assistants (SOC 31-9092), BLS OEWS May 2024" in out
    assert "median $55,120, mean $55,050 a year" in out
    assert "National median, Medical assistants (SOC 31-9092): $44,200 a year (May 2024) ?" in out
    assert "Occupation pay is not the pay of the credential alone." in out
    assert "weeks of the state's median pay" in out


def test_pay_in_json_names_its_period_source_and_confidence(run: Any) -> None:
    pay = run("show", "cpt-nha", "--state", "ca", "--format", "json").json()["data"]["pay"]
    assert pay["occupation"]["soc"] == "31-9097"
    assert pay["state"]["median"] == 55_460
    assert pay["state"]["period"] == "May 2024"
    assert pay["state"]["confidence"] == "government"
    assert pay["state"]["source"].startswith("https://www.bls.gov/")


def test_laboratory_tracks_fall_back_to_the_national_figure(run: Any) -> None:
    md = " ".join(run("show", "mls-ascp", "--state", "TX", "--format", "markdown").stdout.split())
    assert "Texas: no state figure for Clinical laboratory technologists and technicians" in md
    assert "$60,780 a year (May 2023)" in md


def test_ekg_pay_warns_that_the_occupation_pays_more_than_the_credential(run: Any) -> None:
    assert "echocardiography" in run("show", "cet-nha", "--state", "FL").stdout


def test_without_a_state_show_gives_no_pay(run: Any) -> None:
    data = run("show", "cma-aama", "--format", "json").json()["data"]
    assert "pay" not in data
