"""The benchmark: build synthetic corpora of N practices and measure everything.

    python bench/run.py [--sizes 100 500 2000] [--peers] [--no-artifacts-ratio]
                        [--results bench/results.md]

Per N: wall and CPU seconds, peak RSS (summed over the build's processes), ms per
page, pages written, site size, search index size per language (raw and gzip),
the time of each stage, and (for the middle N) how long the live preview takes to
show a saved practice. With --peers, the builds a user would pick instead (Material
with its blog plugin, bare mkdocs without practice pages in the nav, Hugo) run on
the same corpora, from ../shared/peers, and the ratios are computed in the same run.
Corpora are built with bench/make_corpus.py (seed 0); Korean analyses start from an
empty cache (a cold build, as in CI).

The editions' e-mails and PDFs (issue 11), per N and in the same run: the cold build
without them (NEWSLETTER_NO_ARTIFACTS=1, a switch for this comparison only), the cold
build with them, then, keeping its caches, a warm rebuild with nothing changed and one
after editing one practice (which must remake that edition's e-mail and PDF only).
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
              artifacts: bool = True) -> dict:
    """One cold build of the corpus of `n` practices (or warm, with the given cache)."""
    content = corpus(n, workdir)
    out = workdir / f"site-{n}"
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


def artifact_runs(n: int, workdir: Path) -> dict:
    """Cold without and with the artifacts, then warm: unchanged, and one practice edited."""
    without = our_build(n, workdir, artifacts=False)
    with tempfile.TemporaryDirectory() as cache:
        cold = our_build(n, workdir, cache=cache)
        warm = our_build(n, workdir, cache=cache)
        content = corpus(n, workdir)
        practice = sorted((content / "practices").iterdir())[n // 3]
        source = practice / ("fr.md" if (practice / "fr.md").exists() else "ko.md")
        original = source.read_text(encoding="utf-8")
        try:
            source.write_text(original + "\nUne phrase ajoutée pour le banc d’essai.\n",
                              encoding="utf-8")
            edited = our_build(n, workdir, cache=cache)
        finally:
            source.write_text(original, encoding="utf-8")
    return {"n": n, "without": without, "cold": cold, "warm": warm, "edited": edited,
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


def table(results: list[dict], peer_results: dict[int, dict], latencies: dict[int, list[float]],
          artifact_results: list[dict] | None = None) -> str:
    lines = ["| N | wall s | CPU s | peak RSS MB | ms/page | pages | site MB | index fr KB (gz) | "
             "index ko KB (gz) | read+validate | korean analysis | render | mkdocs | search | feeds | other |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        s = r["stages"]
        fr, ko = r["index"]["fr"], r["index"]["ko"]
        lines.append(
            f"| {r['n']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['peak_rss'] / 2**20:.0f} | "
            f"{r['ms_per_page']:.1f} | {r['pages']} | {mb(r['site_bytes'])} | "
            f"{fr[0] // 1000} ({fr[1] // 1000}) | {ko[0] // 1000} ({ko[1] // 1000}) | "
            f"{s.get('read+validate', 0):.2f} | {s.get('korean analysis', 0):.2f} | "
            f"{s.get('render pages', 0):.2f} | "
            f"{s.get('mkdocs', 0):.2f} | {s.get('search', 0):.2f} | {s.get('feeds', 0):.2f} | "
            f"{s.get('other outputs', 0):.2f} |")
    text = "\n".join(lines) + "\n"
    if latencies:
        text += "\nLive preview, seconds from saving a practice to the updated page being served: " + \
            "; ".join(f"N = {n}: {', '.join(f'{x:.2f}' for x in values)} (median "
                      f"{statistics.median(values):.2f})" for n, values in latencies.items()) + "\n"
    if peer_results:
        # The peers make no PDF: the build without them (second table) compares like with like.
        bare = {a["n"]: a["without"]["wall"] for a in artifact_results or []}
        text += "\n| N | ours s | Material blog s | ratio (target ≤ 0.2) | bare mkdocs no-nav s | " \
                "ratio (target ≤ 1.0) | Hugo s | Python-Markdown alone s | ours without e-mails " \
                "and PDFs s | its ratios to Material, to bare mkdocs |\n" \
                "|---|---|---|---|---|---|---|---|---|---|\n"
        for r in results:
            p = peer_results.get(r["n"], {})

            def seconds(prefix: str) -> float | None:
                name = next((name for name in sorted(p) if name.startswith(prefix)), None)
                return float(p[name]["seconds"]) if name else None
            material = seconds("material")
            floor = seconds("floor-mkdocs-nonav")
            hugo = seconds("hugo")
            md = seconds("floor-python-md")
            without = bare.get(r["n"])
            text += (f"| {r['n']} | {r['wall']:.1f} | {material or '-'} | "
                     f"{(r['wall'] / material) if material else float('nan'):.2f} | {floor or '-'} | "
                     f"{(r['wall'] / floor) if floor else float('nan'):.2f} | {hugo or '-'} | {md or '-'} | "
                     f"{f'{without:.1f}' if without else '-'} | "
                     f"{(without / material) if without and material else float('nan'):.2f}, "
                     f"{(without / floor) if without and floor else float('nan'):.2f} |\n")
    if artifact_results:
        text += ("\nEditions' e-mails and PDFs (issue 11), same run: cold build without "
                 "them (NEWSLETTER_NO_ARTIFACTS=1) and with them, then warm rebuilds keeping the "
                 "caches. *Floor*: the lowest ratio these {cores} cores allow, every core busy from "
                 "start to end: CPU with / ({cores} × wall without).\n\n| N | cold without s | "
                 "cold with s | ratio (target ≤ 1.30) | CPU s without → with | floor | "
                 "PDF CPU s | e-mail CPU s | waited s | warm unchanged s | "
                 "warm after editing one practice s | files remade then | PDF MB | e-mail KB "
                 "(largest) | open data MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|"
                 "---|---|\n").format(cores=CORES)
        for r in artifact_results:
            cold, stages = r["cold"], r["cold"]["stages"]
            made = (r["edited"]["artifacts"] or {}).get("made", [])
            sizes = cold["artifact_bytes"]
            text += (f"| {r['n']} | {r['without']['wall']:.1f} | {cold['wall']:.1f} | "
                     f"{cold['wall'] / r['without']['wall']:.2f} | "
                     f"{r['without']['cpu']:.1f} → {cold['cpu']:.1f} | "
                     f"{max(1.0, cold['cpu'] / (CORES * r['without']['wall'])):.2f} | "
                     f"{stages.get('artifacts pdf (workers)', 0):.1f} | "
                     f"{stages.get('artifacts e-mail (workers)', 0):.1f} | "
                     f"{stages.get('artifacts wait', 0):.1f} | {r['warm']['wall']:.1f} | "
                     f"{r['edited']['wall']:.1f} | {len(made)}: "
                     f"{', '.join(sorted({m.rsplit('/', 1)[0] for m in made}))} | "
                     f"{mb(sizes['pdf'])} | {sizes['email'] // 1000} ({sizes['largest_email'] // 1000}) | "
                     f"{mb(sizes['data'])} |\n")
    if len(results) >= 2:
        by_n = {r["n"]: r["wall"] for r in results}
        if 500 in by_n and 2000 in by_n:
            text += f"\nLinearity: t(2000) / t(500) = {by_n[2000] / by_n[500]:.2f} (target ≤ 4.4)\n"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--peers", action="store_true", help="also time the peers (../shared/peers)")
    parser.add_argument("--preview-n", type=int, default=500,
                        help="corpus size for the live-preview measure (0: skip)")
    parser.add_argument("--no-artifacts-ratio", action="store_true",
                        help="skip the builds with and without the editions' e-mails and PDFs")
    parser.add_argument("--workdir", type=Path, default=HERE / "out")
    parser.add_argument("--results", type=Path, default=HERE / "results.md")
    arguments = parser.parse_args()
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for n in arguments.sizes:
        results.append(our_build(n, arguments.workdir))
        print(f"N = {n}: {results[-1]['wall']:.1f} s", file=sys.stderr)
    artifact_results = []
    if not arguments.no_artifacts_ratio:
        for n in arguments.sizes:
            artifact_results.append(artifact_runs(n, arguments.workdir))
            r = artifact_results[-1]
            print(f"N = {n}: without artifacts {r['without']['wall']:.1f} s, with "
                  f"{r['cold']['wall']:.1f} s, warm {r['warm']['wall']:.1f} s, after an edit "
                  f"{r['edited']['wall']:.1f} s", file=sys.stderr)
    latencies = {}
    if arguments.preview_n:
        latencies[arguments.preview_n] = preview_latency(arguments.preview_n, arguments.workdir)
    peer_results: dict[int, dict] = {}
    if arguments.peers:
        if peers_available():
            for n in arguments.sizes:
                peer_results[n] = peers(n, arguments.workdir)
                print(f"peers N = {n}: {sorted(peer_results[n])}", file=sys.stderr)
        else:
            print("peers unavailable: apt-get install -y time hugo; bash ../shared/peers/setup_venv.sh",
                  file=sys.stderr)
    text = table(results, peer_results, latencies, artifact_results)
    print(text)
    header = ("# Benchmark results\n\nWritten by `make bench` (`bench/run.py`); see README and "
              "`bench/NOTES.md` for how to read them.\n\n")
    machine = f"Machine: {CORES} cores, Python {sys.version.split()[0]}.\n\n"
    arguments.results.write_text(header + machine + text, encoding="utf-8")
    (arguments.workdir / "results.json").write_text(json.dumps(
        {"ours": results, "peers": peer_results, "preview": latencies,
         "artifacts": artifact_results}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
