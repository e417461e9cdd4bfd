"""One build for the benchmark, in its own process: prints its stage times as JSON."""
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsletter.build import BuildSettings, build  # noqa: E402

content, out = Path(sys.argv[1]), Path(sys.argv[2])
result = build(BuildSettings(content, out, "https://lettre.example.org/", dt.date(2026, 11, 28)))
if not result.built:
    sys.exit("build refused: " + "; ".join(p.message for p in result.errors[:5]))
installed = result.artifacts
print(json.dumps({"pages": result.pages, "stages": result.stages,
                  "artifacts": None if installed is None else {
                      "made": installed.made, "reused": len(installed.reused)},
                  "artifact_warnings": result.artifact_warnings}))
