"""A seeded mutation fuzzer over the examples, the catalog and a wallet export (issue 14).

Every mutated input must end in the contract's way: exit 0, 1, 2 or 3, and when it fails one
clean message on stderr ("Error: ..."), never an internal error, a traceback or an escape
character from the input. CERTADVISOR_FUZZ_CASES scales the number of cases (default 1).
"""

import os
import random
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCALE = float(os.environ.get("CERTADVISOR_FUZZ_CASES", "1"))

YAML_VALUES = [
    "9999-12-31", "0001-01-01", "1899-12-31", "2026-02-30", "-1", "0", "1e400", ".inf", ".nan",
    "9" * 5000, "0x" + "f" * 40, '"\\e]0;X\\a\\e[2J"', '"\\u202e"', '"\\0"', '""', '"   "',
    "null", "~", "[]", "{}", "true", "x" * 300, "[" * 80 + "]" * 80, "&a [1, 2]", "*a",
    "!!python/object/apply:os.system ['true']", "'unterminated", "{a: 1, a: 2}", "1000000",
    "2026-11-26T10:00:00", "-.5", "1_000", "'2026-01-01'",
]  # fmt: skip
JSON_VALUES = [
    '"9999-12-31"', '"0001-01-01"', "-1", "1e400", "9" * 5000, '"\\u001b[2J"', '"\\ud800"',
    "null", "[]", "{}", "true", '"' + "x" * 20000 + '"', "[" * 3000 + "]" * 3000, "NaN",
    '"2026-02-30"', "1.5", '""',
]  # fmt: skip
BYTES = ["\x00", "\x1b", '"', "'", "\t", ":", "-", "#", "&", "*", "{", "[", ",", "\\", "\u202e"]


def _mutate(text: str, rng: random.Random, values: list[str], joiner: str) -> str:
    """One to three random edits: a value replaced, a line copied, dropped or swapped, a byte."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        op = rng.randrange(7)
        if op <= 2 and joiner in lines[i]:
            head = lines[i].split(joiner, 1)[0]
            tail = "," if lines[i].rstrip().endswith(",") and joiner == ": " else ""
            lines[i] = f"{head}{joiner}{rng.choice(values)}{tail}"
        elif op == 3:
            lines.insert(rng.randrange(len(lines) + 1), lines[i])
        elif op == 4:
            del lines[i]
        elif op == 5:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            k = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:k] + rng.choice(BYTES) + lines[i][k:]
    return "\n".join(lines) + ("\n" if rng.random() < 0.9 else "")


def _check(result: Any, case: str) -> None:
    assert result.exit_code in (0, 1, 2, 3), (case, result.exit_code, result.stderr)
    for stream in (result.stdout, result.stderr):
        assert "internal error" not in stream, (case, result.stderr)
        assert "Traceback" not in stream, case
        assert "\x1b" not in stream and "\u202e" not in stream, (case, stream[:300])
    if result.exit_code != 0:
        # a cohort lists its bad people first, then says the one error
        errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
        assert len(errors) == 1, (case, result.stderr)


def _cases(seed: int, count: int, make: Callable[[random.Random], Any]) -> Iterator[Any]:
    rng = random.Random(seed)
    for _ in range(max(1, int(count * SCALE))):
        yield make(rng)


def _fuzz(run: Any, tmp_path: Path, seed: int, count: int, source: Path, command: list[str],
          values: list[str], joiner: str = ": ") -> Counter[int]:  # fmt: skip
    original = source.read_text()
    # the editor's schema comment is no input; without it the seeds make the edits they made
    original = original.removeprefix(
        "# yaml-language-server: $schema=../schemas/profile.schema.json\n"
    )
    outcomes: Counter[int] = Counter()
    target = tmp_path / f"case{source.suffix}"
    for n, text in enumerate(_cases(seed, count, lambda r: _mutate(original, r, values, joiner))):
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
        args = [a.replace("{file}", str(target)) for a in command]
        result = run(*args)
        _check(result, f"{source.name} seed {seed} case {n}:\n{text[:2000]}")
        outcomes[result.exit_code] += 1
    print(
        f"\n{source.name} {' '.join(command[:3])}: {sum(outcomes.values())} cases {dict(outcomes)}"
    )
    return outcomes


EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_fuzz_profiles(run: Any, tmp_path: Path, example: Path) -> None:
    outcomes = _fuzz(run, tmp_path, 14, 200, example, ["eligible", "-p", "{file}", "-f", "json"],
                     YAML_VALUES)  # fmt: skip
    outcomes += _fuzz(run, tmp_path, 41, 60, example, ["report", "-p", "{file}", "-o",
                      str(tmp_path / "out")], YAML_VALUES)  # fmt: skip
    assert outcomes[3] > 0 and outcomes[0] > 0


def test_fuzz_a_csv_cohort(run: Any, tmp_path: Path) -> None:
    source = ROOT / "examples" / "counselor-cohort-one-bad-row.csv"
    outcomes = _fuzz(run, tmp_path, 7, 250, source, ["eligible", "-p", "{file}", "-f", "csv"],
                     YAML_VALUES, joiner=",")  # fmt: skip
    assert outcomes[3] > 0


def test_fuzz_data_validate(run: Any, tmp_path: Path) -> None:
    for i, example in enumerate(EXAMPLES):
        _fuzz(run, tmp_path, 100 + i, 100, example, ["data", "validate", "{file}"], YAML_VALUES)


@pytest.mark.parametrize(
    ("catalog", "count"),
    [
        (ROOT / "tests" / "fixtures" / "compare_catalog.yaml", 120),
        (ROOT / "data" / "tracks.yaml", 25),
    ],
    ids=["fixture-catalog", "bundled-catalog"],
)
def test_fuzz_the_catalog(run: Any, tmp_path: Path, catalog: Path, count: int) -> None:
    outcomes = _fuzz(run, tmp_path, 3, count, catalog, ["--data", "{file}", "tracks"], YAML_VALUES)
    assert outcomes[3] > 0


def test_fuzz_a_wallet_export(run: Any, tmp_path: Path) -> None:
    from wallet_helpers import WALLET_CATALOG

    data = ["--data", str(WALLET_CATALOG)]
    assert run(*data, "wallet", "add", "cma-aama", "--earned", "2024-01-01").exit_code == 0
    export = tmp_path / "export.json"
    assert run(*data, "wallet", "export", "--all", "-o", str(export)).exit_code == 0
    outcomes = _fuzz(run, tmp_path, 9, 250, export, [*data, "wallet", "import", "{file}"],
                     JSON_VALUES)  # fmt: skip
    assert outcomes[3] > 0
