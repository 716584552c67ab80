"""Make a synthetic catalog of N tracks from the bundled tracks under new ids."""

import argparse
from pathlib import Path

import yaml

from certadvisor.paths import bundled_data_dir


def write_big_catalog(path: Path, count: int) -> str:
    """Write ``count`` tracks copied from the bundled ones; return one id to look up."""
    bundled = yaml.safe_load((bundled_data_dir() / "tracks.yaml").read_text())["tracks"]
    bundled_ids = {t["id"] for t in bundled}
    tracks = []
    for i in range(count):
        base = bundled[i % len(bundled)]
        copy = dict(base)
        copy["id"] = f"{base['id']}-synthetic-{i:05d}"
        copy["aliases"] = []
        tracks.append(copy)
    assert all(t["id"] not in bundled_ids for t in tracks)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump({"tracks": tracks}, Dumper=dumper, sort_keys=False))
    return tracks[count // 2]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--tracks", type=int, default=10_000)
    args = parser.parse_args()
    print(write_big_catalog(args.output, args.tracks))


if __name__ == "__main__":
    main()
