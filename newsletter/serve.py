"""`serve`: a live preview for editors, drafts included.

Builds into a temporary folder, serves it on localhost, and rebuilds when a
practice, an edition, the taxonomy, a template or a catalog changes. Open pages
reload by themselves after a successful rebuild (a small script that the server
adds to the HTML it sends; the built files stay as a real build makes them).
A failed rebuild prints its problems and keeps the last good preview.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .commands import build_site
from .i18n import TOOL_ROOT, _

_RELOAD_SCRIPT = b"""<script>
(function(){var v=null;setInterval(function(){fetch('/__preview_version').then(function(r){return r.text()})
.then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})();
</script>"""
_WATCHED_CONTENT_PATHS = ("practices", "editions", "taxonomy.yml")
_WATCHED_TOOL_PATHS = ("templates", "overrides", "locales", "mkdocs.yml")


class _Preview:
    def __init__(self, root: Path, out: Path, site_url: str):
        self.root, self.out, self.site_url = root, out, site_url
        self.version = 0
        self.pending = threading.Event()
        self.lock = threading.Lock()

    def rebuild(self) -> None:
        with self.lock:
            started = time.perf_counter()
            code = build_site(self.root, self.out, self.site_url, drafts=True, quiet=True)
            if code == 0:
                self.version += 1
                print(_("Preview updated in {seconds:.1f} s.").format(
                    seconds=time.perf_counter() - started), file=sys.stderr)

    def watch(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(0.2)  # editors' tools write a file in several steps
            self.pending.clear()
            self.rebuild()


class _Changes(FileSystemEventHandler):
    def __init__(self, preview: _Preview, watched: list[Path]):
        self.preview = preview
        self.watched = [str(path) for path in watched]

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = str(event.src_path)
        if event.event_type in ("opened", "closed_no_write") or "/." in path \
                or "__pycache__" in path or path.endswith((".mo", "~")):
            return
        if any(path == w or path.startswith(w + "/") for w in self.watched):
            self.preview.pending.set()


class _Handler(http.server.SimpleHTTPRequestHandler):
    preview: _Preview

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/__preview_version":
            body = str(self.preview.version).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.path.endswith(("/", ".html")):
            body = path.read_bytes().replace(b"</body>", _RELOAD_SCRIPT + b"</body>", 1)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path, host: str, port: int) -> int:
    workdir = Path(tempfile.mkdtemp(prefix="newsletter-preview-"))
    out = workdir / "site"
    site_url = f"http://{host}:{port}/"
    preview = _Preview(root, out, site_url)
    preview.rebuild()
    if not out.exists():
        out.mkdir()
    watched = [(root / name).absolute() for name in _WATCHED_CONTENT_PATHS] + \
        [TOOL_ROOT / name for name in _WATCHED_TOOL_PATHS]
    observer = Observer()
    handler = _Changes(preview, watched)
    for directory in sorted({path if path.is_dir() else path.parent for path in watched}):
        if directory.exists():
            observer.schedule(handler, str(directory), recursive=directory in watched)
    observer.start()
    threading.Thread(target=preview.watch, daemon=True).start()
    handler_class = type("Handler", (_Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(
        (host, port), functools.partial(handler_class, directory=str(out)))
    print(_("Preview at {url} (drafts included); stop with Ctrl-C.").format(url=site_url),
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        observer.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
