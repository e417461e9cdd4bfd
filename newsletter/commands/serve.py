"""`serve`: a live preview for editors, drafts included.

Builds into a temporary folder, serves it on localhost, and rebuilds when a
practice, an edition, the taxonomy, a template or a catalog changes: after a
first full build, a saved practice rebuilds only what depends on it
(`preview.Preview`). Open pages reload by themselves after a successful rebuild
(a small script that the server adds to the HTML it sends; the built files stay
as a real build makes them). A failed rebuild prints its problems and keeps the
last good preview; open pages reload and show the problems over the page, where
the editor looks, until a save fixes them. Each edition's e-mail and PDF, the next
edition's (a draft) included, are made when they are asked for, from the content as it
is saved (`artifacts.OnDemand`).
"""
from __future__ import annotations

import functools
import html
import http.server
import re
import shutil
import sys
import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..i18n import TOOL_ROOT, _, decimal
from ..site.mkdocs_site import SiteLayerError
from ..output import temporary_folder
from .preview import Preview

_RELOAD_SCRIPT = b"""<script>
(function(){var v=null;setInterval(function(){fetch('/__preview_version').then(function(r){return r.text()})
.then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},1000)})();
</script>"""
_EDITION_FILE = re.compile(
    r"^/([a-z]{2})/editions/([a-z0-9-]+)/(email\.html|email\.txt|[a-z0-9-]+\.pdf)$")
_WATCHED_CONTENT_PATHS = ("practices", "editions", "taxonomy.yml", "collectivities",
                          "federation.yml")
_WATCHED_TOOL_PATHS = ("templates", "overrides", "locales", "mkdocs.yml", "guide")


class _Session:
    """The preview being served, and the saves waiting to be built."""

    def __init__(self, preview: Preview):
        self.preview = preview
        self.version = 0
        self.errors: list[str] = []
        """What stops the preview from being updated (shown over every page)."""
        self.changed: set[Path] = set()
        self.pending = threading.Event()
        self.lock = threading.Lock()
        self.building = threading.Lock()
        """Held while the preview is rebuilt: an edition's e-mail or PDF asked for meanwhile
        is made from the content as the rebuild leaves it."""

    def rebuild(self, changed: set[Path] | None) -> None:
        """Never raises: whatever a save breaks, the preview keeps its last good pages
        and is rebuilt at the next save."""
        with self.building:
            self._rebuild(changed)

    def _rebuild(self, changed: set[Path] | None) -> None:
        started = time.perf_counter()
        try:
            ok = self.preview.update(changed)
            errors = self.preview.errors
        except SiteLayerError as error:
            print(error, file=sys.stderr)
            ok, errors = False, [str(error)]
        except Exception as error:  # noqa: BLE001 - the watcher must outlive any bad save
            message = _("the preview could not be rebuilt ({error}); it keeps the last version "
                        "that built, and tries again at the next save").format(
                            error=f"{type(error).__name__}: {error}")
            print(message, file=sys.stderr)
            self.preview.forget([message])
            ok, errors = False, [message]
        self.errors = [] if ok else errors
        self.version += 1  # open pages reload: to the new version, or to show the errors
        if ok:
            print(_("Preview updated in {seconds} s.").format(
                seconds=decimal(time.perf_counter() - started)), file=sys.stderr)

    def saved(self, path: Path) -> None:
        with self.lock:
            self.changed.add(path)
        self.pending.set()

    def watch(self) -> None:
        while True:
            self.pending.wait()
            time.sleep(0.05)  # editors' tools write a file in several steps
            self.pending.clear()
            with self.lock:
                changed, self.changed = self.changed, set()
            self.rebuild(changed)


class _Changes(FileSystemEventHandler):
    def __init__(self, session: _Session, watched: list[Path]):
        self.session = session
        self.watched = [str(path) for path in watched]

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            path = str(path)
            if not path or "/." in path or "__pycache__" in path or path.endswith((".mo", "~")):
                continue
            if any(path == w or path.startswith(w + "/") for w in self.watched):
                self.session.saved(Path(path))


def _error_panel(errors: list[str]) -> bytes:
    """The problems that stop the preview, over the page (escaped: they quote content)."""
    if not errors:
        return b""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in errors)
    title = html.escape(_("The preview is not up to date: fix these problems and save; this "
                          "page reloads by itself."))
    return (f'<div role="alert" id="nl-preview-errors" style="position:fixed;z-index:1000;'
            f'inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#fff3f3;color:#5c0000;'
            f'border-top:4px solid #b00020;padding:1rem 1.5rem;font:15px/1.5 system-ui,sans-serif;'
            f'box-shadow:0 -4px 16px rgba(0,0,0,.25)"><p style="margin:0 0 .5rem;font-weight:bold">'
            f'{title}</p><ul style="margin:0;padding-left:1.2rem">{items}</ul></div>'
            ).encode("utf-8")


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The `Host` headers the preview answers to: its loopback names and the `--host` it
    was given, each with or without its port (in lower case)."""
    given = host.lower()
    names = {"127.0.0.1", "localhost", "[::1]",
             f"[{given.strip('[]')}]" if ":" in given else given}
    return frozenset({*names, *(f"{name}:{port}" for name in names)})


class _Handler(http.server.SimpleHTTPRequestHandler):
    session: _Session
    hosts: frozenset[str] = frozenset()
    address = ""

    def parse_request(self) -> bool:
        """Every request, whatever its method and path, names one of the preview's own
        hosts: a page of another site that a DNS rebinding points at 127.0.0.1 names its
        own, and must not read the drafts (421 Misdirected Request, nothing else)."""
        if not super().parse_request():
            return False
        given = self.headers.get_all("Host") or []
        if not (len(given) == 1 and given[0].strip().lower() in self.hosts and
                self.path.startswith("/")):
            return self._refuse(421, _("This preview answers only to its own address, {url}"))
        # A page of another site may not load the preview's files into itself (a <script>
        # of the search index would read the drafts): browsers say where a request comes from.
        site = (self.headers.get("Sec-Fetch-Site") or "none").lower()
        if site not in ("same-origin", "none") and \
                (self.headers.get("Sec-Fetch-Mode") or "").lower() != "navigate":
            return self._refuse(403, _("This preview's files are for its own pages, {url}"))
        return True

    def end_headers(self) -> None:
        # Browsers refuse to hand the preview's files to pages of other sites.
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def _refuse(self, status: int, message: str) -> bool:
        body = (message.format(url=self.address) + "\n").encode("utf-8")
        self.close_connection = True
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return False

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/__preview_version":
            self._send(str(self.session.version).encode(), "text/plain")
            return
        edition_file = _EDITION_FILE.match(self.path.split("?")[0])
        if edition_file:
            self._send_edition_file(*edition_file.groups())
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file() and self.path.split("?")[0].endswith(("/", ".html")):
            extra = _error_panel(self.session.errors) + _RELOAD_SCRIPT
            body = path.read_bytes().replace(b"</body>", extra + b"</body>", 1)
            self._send(body, "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802 - the http.server API
        edition_file = _EDITION_FILE.match(self.path.split("?")[0])
        if edition_file:
            self._send_edition_file(*edition_file.groups(), head=True)
            return
        super().do_HEAD()

    def _send_edition_file(self, lang: str, edition_id: str, name: str,
                           head: bool = False) -> None:
        """An edition's e-mail or PDF, drafts included, made now from the current content
        (a build makes those of published editions only; the preview shows the next one)."""
        with self.session.building:
            data, warnings = self.session.preview.edition_file(lang, edition_id, name)
        for warning in warnings:
            print(warning, file=sys.stderr)
        if data is None and not warnings:
            self.send_error(404)
            return
        if data is None:
            items = "".join(f"<li>{html.escape(w)}</li>" for w in warnings)
            title = html.escape(_("This file of the edition could not be made:"))
            self._send(f'<!doctype html><meta charset="utf-8"><p>{title}</p><ul>{items}</ul>'
                       .encode("utf-8"), "text/html; charset=utf-8", status=500, head=head)
            return
        kind = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
        self._send(data, kind.get(Path(name).suffix, "application/pdf"), head=head)

    def _send(self, body: bytes, content_type: str, status: int = 200,
              head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(root: Path, host: str, port: int) -> int:
    workdir = temporary_folder("newsletter-serve-")
    out = workdir / "site"
    out.mkdir()
    site_url = f"http://{host}:{port}/"
    preview = Preview(root, out, site_url)
    session = _Session(preview)
    session.rebuild(None)
    # Resolved: the watcher reports real paths, also for `--content ../x` or a link.
    watched = [(root / name).resolve() for name in _WATCHED_CONTENT_PATHS] + \
        [TOOL_ROOT / name for name in _WATCHED_TOOL_PATHS]
    observer = Observer()
    handler = _Changes(session, watched)
    for directory in sorted({path if path.is_dir() else path.parent for path in watched}):
        if directory.exists():
            observer.schedule(handler, str(directory), recursive=directory in watched)
    observer.start()
    threading.Thread(target=session.watch, daemon=True).start()
    handler_class = type("Handler", (_Handler,), {"session": session})
    server = http.server.ThreadingHTTPServer(
        (host, port), functools.partial(handler_class, directory=str(out)))
    handler_class.hosts = allowed_hosts(host, server.server_address[1])
    handler_class.address = site_url
    print(_("Preview at {url} (drafts included); stop with Ctrl-C.").format(url=site_url),
          file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        observer.stop()
        preview.close()
        shutil.rmtree(workdir, ignore_errors=True)
    return 0
