"""The benchmark: build synthetic corpora of N practices and measure everything.

    python bench/run.py [--sizes 100 500 2000] [--peers] [--preview-n 500]
                        [--results bench/results.md]

Per N, one after the other and in the same run (issue 21): our cold build without the
editions' e-mails and PDFs (site only, NEWSLETTER_NO_ARTIFACTS=1: the peers make none), our
cold whole build, then, keeping its caches and its output folder, a warm build after
editing one practice and a warm build with nothing changed; with --peers, the builds a user
would pick instead (Material with its blog plugin, bare mkdocs without practice pages in the
nav: the floor, Hugo), from ../shared/peers, on the same corpus right after ours. Reported:
the seconds of each build and the ratios of issue 21's targets, the seconds of each stage of
each build (`BuildResult.stages`) and the cold site-only stages' ratio to the floor; wall and
CPU seconds, peak RSS (summed over the build's processes), pages, site and search index
sizes, the e-mails' and PDFs' cost (issue 11), and how long the live preview takes to show
a saved practice (--preview-n). Corpora are built with bench/make_corpus.py (seed 0); cold
builds start from an empty cache (as a CI run without one).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEERS = ROOT.parent / "shared" / "peers"
PYTHON = sys.executable
CORES = len(os.sched_getaffinity(0))
"""The cores the builds may use (a container's or taskset's limit), as the build counts them."""


def rss_of_tree(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def measured(command: list[str], env: dict[str, str] | None = None) -> dict:
    """Run `command`; wall and CPU seconds, peak RSS of its process tree, its stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_of_tree(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout = process.stdout.read()  # type: ignore[union-attr]
    stderr = process.stderr.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{stderr[-2000:]}")
    return {"wall": time.perf_counter() - started, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_rss": peak, "stdout": stdout}


def corpus(n: int, workdir: Path) -> Path:
    target = workdir / f"corpus-{n}"
    if not (target / "taxonomy.yml").exists():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([PYTHON, str(HERE / "make_corpus.py"), str(target), str(n)], check=True,
                       capture_output=True)
    return target


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def our_build(n: int, workdir: Path, cache: str | None = None,
              artifacts: bool = True, keep: bool = False) -> dict:
    """One cold build of the corpus of `n` practices (or warm, with the given cache; `keep`:
    into the folder the previous build wrote, as `make site` does again and again)."""
    content = corpus(n, workdir)
    out = workdir / f"site-{n}"
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    env = {} if artifacts else {"NEWSLETTER_NO_ARTIFACTS": "1"}
    with tempfile.TemporaryDirectory() as cold:
        run = measured([PYTHON, str(HERE / "build_once.py"), str(content), str(out)],
                       env={"NEWSLETTER_CACHE": cache or cold, **env})
    data = json.loads(run["stdout"].strip().splitlines()[-1])
    html = sum(1 for _ in out.rglob("*.html"))
    index = {}
    for lang in ("fr", "ko"):
        raw = (out / lang / "search" / "nl-index.js").read_bytes()
        index[lang] = (len(raw), len(gzip.compress(raw, 9)))
    return {"n": n, "wall": run["wall"], "cpu": run["cpu"], "peak_rss": run["peak_rss"],
            "pages": data["pages"], "html": html, "ms_per_page": 1000 * run["wall"] / data["pages"],
            "site_bytes": tree_bytes(out), "index": index, "stages": data["stages"],
            "artifacts": data.get("artifacts"), "artifact_bytes": artifact_bytes(out)}


def artifact_bytes(out: Path) -> dict[str, int]:
    """Bytes of the e-mails, PDFs and open data, and the largest e-mail."""
    emails = [p.stat().st_size for p in out.glob("*/editions/*/email.html")]
    return {"pdf": sum(p.stat().st_size for p in out.glob("*/editions/*/*.pdf")),
            "email": sum(emails), "largest_email": max(emails, default=0),
            "data": sum(p.stat().st_size for p in (out / "data").glob("*")) if (out / "data").is_dir() else 0}


def builds(n: int, workdir: Path) -> dict:
    """The four builds of issue 21, one after the other: cold without the e-mails and PDFs
    (site only), cold whole, then, keeping its caches and its output folder, warm after
    editing one practice and warm with nothing changed."""
    site_only = our_build(n, workdir, artifacts=False)
    with tempfile.TemporaryDirectory() as cache:
        cold = our_build(n, workdir, cache=cache)
        content = corpus(n, workdir)
        practice = sorted((content / "practices").iterdir())[n // 3]
        source = practice / ("fr.md" if (practice / "fr.md").exists() else "ko.md")
        original = source.read_text(encoding="utf-8")
        try:
            source.write_text(original + "\nUne phrase ajoutée pour le banc d’essai.\n",
                              encoding="utf-8")
            edited = our_build(n, workdir, cache=cache, keep=True)
            unchanged = our_build(n, workdir, cache=cache, keep=True)
        finally:
            source.write_text(original, encoding="utf-8")
    return {"n": n, "without": site_only, "cold": cold, "edited": edited, "warm": unchanged,
            "edited_practice": practice.name}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def preview_latency(n: int, workdir: Path, saves: int = 3) -> list[float]:
    """Seconds from saving a practice to `serve` showing the updated page."""
    content = workdir / f"preview-{n}"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(corpus(n, workdir), content)
    port = free_port()
    server = subprocess.Popen([PYTHON, str(ROOT / "build_newsletter.py"), "--content", str(content),
                               "serve", "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        slugs = sorted(p.name for p in (content / "practices").iterdir()  # French originals
                       if (p / "fr.md").exists() and "\nthemes:" in (p / "fr.md").read_text(encoding="utf-8"))
        base = f"http://127.0.0.1:{port}/fr/practices/"
        _wait_for(base + f"{slugs[0]}/", "</html>", timeout=600)
        version = f"http://127.0.0.1:{port}/__preview_version"
        latencies = []
        for index in range(saves):
            slug = slugs[(index + 1) * 7 % len(slugs)]
            marker = f"Phrase témoin {index} {time.time()}"
            before = _read(version)
            file = content / "practices" / slug / "fr.md"
            started = time.perf_counter()
            file.write_text(file.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            _wait_for(base + f"{slug}/", marker, timeout=60)
            latencies.append(time.perf_counter() - started)
            deadline = time.perf_counter() + 60  # then let the rebuild finish (feeds, search)
            while _read(version) == before and time.perf_counter() < deadline:
                time.sleep(0.05)
        return latencies
    finally:
        server.terminate()
        server.wait(timeout=30)


def _read(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {url}")


def peers(n: int, workdir: Path) -> dict[str, dict]:
    """RESULT lines of the peer scripts, by peer name."""
    found: dict[str, dict] = {}
    for script in ("peer_material.sh", "peer_floor.sh", "peer_hugo.sh"):
        out = workdir / f"peer-{script.split('_')[1].split('.')[0]}-{n}"
        result = subprocess.run(["bash", str(PEERS / script), str(corpus(n, workdir)), str(out)],
                                capture_output=True, text=True)
        for line in result.stdout.splitlines():
            if line.startswith("RESULT "):
                fields = dict(item.split("=", 1) for item in line.split()[1:] if "=" in item)
                found[fields["peer"]] = fields
        shutil.rmtree(out, ignore_errors=True)
    return found


def peers_available() -> bool:
    venv = Path(os.environ.get("VENV", "/tmp/peers-venv"))
    return PEERS.is_dir() and (venv / "bin" / "mkdocs").exists() and shutil.which("hugo") is not None \
        and Path("/usr/bin/time").exists()


def mb(value: float) -> str:
    return f"{value / 1e6:.1f}"


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a and b else "-"


def seconds_of(peers_of_n: dict, prefix: str) -> float | None:
    """A peer's seconds, by the start of its name (`material`, `floor-mkdocs-nonav`, …)."""
    name = next((name for name in sorted(peers_of_n) if name.startswith(prefix)), None)
    return float(peers_of_n[name]["seconds"]) if name else None


STAGE_ORDER = ("read+validate", "artifacts plan", "korean analysis", "render pages", "mkdocs",
               "feeds", "search", "other outputs", "artifacts wait", "artifacts pdf (workers)",
               "artifacts e-mail (workers)")
PARALLEL = {"render pages", "mkdocs", "feeds", "search"}
"""Run once per language, side by side: the slower language's seconds."""
WORKERS = {"artifacts pdf (workers)", "artifacts e-mail (workers)"}
"""Processor seconds of the workers, beside the rest: not on the build's critical path."""


def builds_table(runs: list[dict], peer_results: dict[int, dict]) -> str:
    """Issue 21's four builds beside the peers, with the ratios of its targets."""
    text = ("| N | cold site-only s | cold whole s | warm after one edit s | warm unchanged s | "
            "Material s | bare mkdocs floor s | Hugo s | site-only ÷ Material (≤ 0.2; ≤ 0.4 at "
            "500) | site-only ÷ floor (≤ 1.0) | whole ÷ site-only (≤ 1.6) | edit ÷ Hugo (≤ 2; "
            "≤ 3 at 500) | unchanged ÷ Hugo |\n|" + "---|" * 13 + "\n")
    for r in runs:
        p = peer_results.get(r["n"], {})
        material, floor, hugo = (seconds_of(p, "material"), seconds_of(p, "floor-mkdocs-nonav"),
                                 seconds_of(p, "hugo"))
        site, whole = r["without"]["wall"], r["cold"]["wall"]
        edited, warm = r["edited"]["wall"], r["warm"]["wall"]
        text += (f"| {r['n']} | {site:.1f} | {whole:.1f} | {edited:.1f} | {warm:.1f} | "
                 f"{material or '-'} | {floor or '-'} | {hugo or '-'} | {ratio(site, material)} | "
                 f"{ratio(site, floor)} | {ratio(whole, site)} | {ratio(edited, hugo)} | "
                 f"{ratio(warm, hugo)} |\n")
    return text


def stages_table(r: dict, floor: float | None) -> str:
    """One N: the seconds of each stage of the four builds, and the cold site-only build's
    ratio to the bare mkdocs floor."""
    names = [name for name in STAGE_ORDER if any(name in r[k]["stages"] for k in
                                                 ("without", "cold", "edited", "warm"))]
    names += sorted({name for k in ("without", "cold", "edited", "warm")
                     for name in r[k]["stages"]} - set(names))
    text = (f"\nN = {r['n']} (bare mkdocs floor: {f'{floor:.2f} s' if floor else 'not measured'})"
            "\n\n| stage | cold site-only s | ÷ floor | cold whole s | warm after one edit s | "
            "warm unchanged s |\n|---|---|---|---|---|---|\n")
    for name in names:
        cells = [r[k]["stages"].get(name) for k in ("without", "cold", "edited", "warm")]
        mark = " (per language, the slower)" if name in PARALLEL else \
            " (CPU, beside the rest)" if name in WORKERS else ""
        shown = [f"{value:.2f}" if value is not None else "-" for value in cells]
        text += (f"| {name}{mark} | {shown[0]} | {ratio(cells[0], floor)} | {shown[1]} | "
                 f"{shown[2]} | {shown[3]} |\n")
    walls = [r[k]["wall"] for k in ("without", "cold", "edited", "warm")]
    text += (f"| **whole build, wall** | {walls[0]:.2f} | {ratio(walls[0], floor)} | "
             f"{walls[1]:.2f} | {walls[2]:.2f} | {walls[3]:.2f} |\n")
    cpus = [r[k]["cpu"] for k in ("without", "cold", "edited", "warm")]
    text += (f"| whole build, CPU of every process (÷ {CORES} × floor: the best any ordering "
             f"of this work can do on {CORES} cores) | {cpus[0]:.2f} | "
             f"{ratio(cpus[0], CORES * floor if floor else None)} | "
             f"{cpus[1]:.2f} | {cpus[2]:.2f} | {cpus[3]:.2f} |\n")
    return text


def table(runs: list[dict], peer_results: dict[int, dict],
          latencies: dict[int, list[float]]) -> str:
    text = "## Builds and peers (issue 21)\n\nSame run, same corpora. " + (
        "Cold: empty caches (Korean analyses, e-mails and PDFs), new output folder; site-only: "
        "without the editions' e-mails and PDFs (`NEWSLETTER_NO_ARTIFACTS=1`), as the peers "
        "make none; warm: the cold whole build's caches and output folder kept, after appending "
        "a sentence to one practice, then with nothing changed.\n\n")
    text += builds_table(runs, peer_results)
    text += "\n## Seconds per stage\n\nWall seconds of each stage, as the build measures " \
        "them (`BuildResult.stages`); the ratio is to the bare mkdocs floor of the same N.\n"
    for r in runs:
        text += stages_table(r, seconds_of(peer_results.get(r["n"], {}), "floor-mkdocs-nonav"))
    text += ("\n## Sizes (cold whole build)\n\n| N | wall s | CPU s | peak RSS MB | ms/page | "
             "pages | site MB | index fr KB (gz) | index ko KB (gz) |\n"
             "|---|---|---|---|---|---|---|---|---|\n")
    for r in (run["cold"] for run in runs):
        fr, ko = r["index"]["fr"], r["index"]["ko"]
        text += (f"| {r['n']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_rss'] / 2**20:.0f} | "
                 f"{r['ms_per_page']:.1f} | {r['pages']} | {mb(r['site_bytes'])} | "
                 f"{fr[0] // 1000} ({fr[1] // 1000}) | {ko[0] // 1000} ({ko[1] // 1000}) |\n")
    if latencies:
        text += "\nLive preview, seconds from saving a practice to the updated page being served: " + \
            "; ".join(f"N = {n}: {', '.join(f'{x:.2f}' for x in values)} (median "
                      f"{statistics.median(values):.2f})" for n, values in latencies.items()) + "\n"
    if peer_results:
        text += ("\n## Peers\n\n| N | Material blog s | bare mkdocs no-nav s | Hugo s | "
                 "Python-Markdown alone s |\n|---|---|---|---|---|\n")
        for n, p in sorted(peer_results.items()):
            values = [seconds_of(p, prefix) for prefix in
                      ("material", "floor-mkdocs-nonav", "hugo", "floor-python-md")]
            text += f"| {n} | " + " | ".join(f"{v}" if v else "-" for v in values) + " |\n"
    text += ("\n## The editions' e-mails and PDFs (issue 11)\n\n*Floor*: the lowest ratio these "
             "{cores} cores allow, every core busy from start to end: CPU with / ({cores} × wall "
             "without).\n\n| N | cold without s | cold with s | ratio | CPU s without → with | "
             "floor | PDF CPU s | e-mail CPU s | waited s | files remade after the edit | PDF MB "
             "| e-mail KB (largest) | open data MB |\n|" + "---|" * 13 + "\n").format(cores=CORES)
    for r in runs:
        cold, stages = r["cold"], r["cold"]["stages"]
        made = (r["edited"]["artifacts"] or {}).get("made", [])
        sizes = cold["artifact_bytes"]
        text += (f"| {r['n']} | {r['without']['wall']:.1f} | {cold['wall']:.1f} | "
                 f"{cold['wall'] / r['without']['wall']:.2f} | "
                 f"{r['without']['cpu']:.1f} → {cold['cpu']:.1f} | "
                 f"{max(1.0, cold['cpu'] / (CORES * r['without']['wall'])):.2f} | "
                 f"{stages.get('artifacts pdf (workers)', 0):.1f} | "
                 f"{stages.get('artifacts e-mail (workers)', 0):.1f} | "
                 f"{stages.get('artifacts wait', 0):.1f} | {len(made)}: "
                 f"{', '.join(sorted({m.rsplit('/', 1)[0] for m in made}))} | "
                 f"{mb(sizes['pdf'])} | {sizes['email'] // 1000} ({sizes['largest_email'] // 1000}) | "
                 f"{mb(sizes['data'])} |\n")
    by_n = {r["n"]: r["without"]["wall"] for r in runs}
    if 500 in by_n and 2000 in by_n:
        text += f"\nLinearity (site only): t(2000) / t(500) = {by_n[2000] / by_n[500]:.2f}\n"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--peers", action="store_true", help="also time the peers (../shared/peers)")
    parser.add_argument("--preview-n", type=int, default=500,
                        help="corpus size for the live-preview measure (0: skip)")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--results", type=Path, default=HERE / "results.md")
    arguments = parser.parse_args()
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    if arguments.peers and not peers_available():
        print("peers unavailable: apt-get install -y time hugo; bash ../shared/peers/setup_venv.sh",
              file=sys.stderr)
    runs, peer_results = [], {}
    for n in arguments.sizes:  # ours and the peers' of one N side by side, in one run
        runs.append(builds(n, arguments.workdir))
        r = runs[-1]
        print(f"N = {n}: site only {r['without']['wall']:.1f} s, whole {r['cold']['wall']:.1f} s, "
              f"after an edit {r['edited']['wall']:.1f} s, unchanged {r['warm']['wall']:.1f} s",
              file=sys.stderr)
        if arguments.peers and peers_available():
            peer_results[n] = peers(n, arguments.workdir)
            print(f"peers N = {n}: " + ", ".join(f"{name} {fields['seconds']} s" for name, fields
                                                 in sorted(peer_results[n].items())),
                  file=sys.stderr)
    latencies = {}
    if arguments.preview_n:
        latencies[arguments.preview_n] = preview_latency(arguments.preview_n, arguments.workdir)
    text = table(runs, peer_results, latencies)
    print(text)
    header = ("# Benchmark results\n\nWritten by `make bench` (`bench/run.py`); see README and "
              "`bench/NOTES.md` for how to read them.\n\n")
    machine = (f"Machine: {CORES} cores, Python {sys.version.split()[0]}, load average "
               f"{os.getloadavg()[0]:.1f} at the end of the run.\n\n")
    arguments.results.write_text(header + machine + text, encoding="utf-8")
    (arguments.workdir / "results.json").write_text(json.dumps(
        {"ours": [r["cold"] for r in runs], "builds": runs, "peers": peer_results,
         "preview": latencies}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
