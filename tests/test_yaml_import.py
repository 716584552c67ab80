"""PyYAML is imported with its pure-Python reader's character pattern compiled on first use;
the pure-Python reader still refuses what it always refused."""

import subprocess
import sys

_CHECK = """
import sys, time
from certadvisor.catalog.yaml_io import load_yaml
assert load_yaml(b"a: [1, b]\\n", "x.yaml") == {"a": [1, "b"]}
import yaml
pattern = yaml.reader.Reader.NON_PRINTABLE
print(type(pattern).__name__)
print(bool(pattern.search("ok\\x07")), bool(pattern.search("ok")))
try:
    yaml.load("a: \\x07", Loader=yaml.SafeLoader)
except yaml.reader.ReaderError as exc:
    print("refused", "#x0007" in str(exc))
import re
print(re.compile("a+").match("aa") is not None)
"""


def test_the_reader_pattern_is_deferred_and_still_refuses_control_characters() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHECK], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split("\n")[:4] == ["_Deferred", "True False", "refused True", "True"]
