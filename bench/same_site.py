#!/usr/bin/env python3
"""Compare two built sites file by file (issue 18: a change of structure changes no byte).

    python3 bench/same_site.py BEFORE AFTER

Prints the files only in one tree and the files whose bytes differ; exits 1 if any.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def digests(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*")) if path.is_file()}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    before, after = (digests(Path(folder)) for folder in argv)
    differences = [f"only in {argv[0]}: {name}" for name in sorted(before.keys() - after.keys())]
    differences += [f"only in {argv[1]}: {name}" for name in sorted(after.keys() - before.keys())]
    differences += [f"differs: {name}" for name in sorted(before.keys() & after.keys())
                    if before[name] != after[name]]
    print("\n".join(differences) if differences else f"same {len(before)} files")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
