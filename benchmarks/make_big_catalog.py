"""Make a synthetic catalog of N tracks from the bundled tracks under new ids.

Two shapes: anchored (the copies share their routes and fees, so the YAML writes them once
with anchors and aliases) and plain (every track written out in full, as bulk data is).
"""

import argparse
import copy as deep
from pathlib import Path

import yaml

from certadvisor.paths import bundled_data_dir


def write_big_catalog(path: Path, count: int, *, plain: bool = False) -> str:
    """Write ``count`` tracks copied from the bundled ones; return one id to look up.

    ``plain`` writes each track in full (no anchors); a ``.json`` path writes JSON."""
    bundled = yaml.safe_load((bundled_data_dir() / "tracks.yaml").read_text())["tracks"]
    bundled_ids = {t["id"] for t in bundled}
    tracks = []
    for i in range(count):
        base = bundled[i % len(bundled)]
        copy = deep.deepcopy(base) if plain else dict(base)
        copy["id"] = f"{base['id']}-synthetic-{i:05d}"
        copy["aliases"] = []
        tracks.append(copy)
    assert all(t["id"] not in bundled_ids for t in tracks)
    if path.suffix == ".json":
        import json

        path.write_text(json.dumps({"tracks": tracks}, default=str))
        return tracks[count // 2]["id"]
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump({"tracks": tracks}, Dumper=dumper, sort_keys=False))
    return tracks[count // 2]["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("output", type=Path)
    parser.add_argument("--tracks", type=int, default=10_000)
    parser.add_argument("--plain", action="store_true", help="no anchors: every track in full")
    args = parser.parse_args()
    print(write_big_catalog(args.output, args.tracks, plain=args.plain))


if __name__ == "__main__":
    main()
