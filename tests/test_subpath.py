"""The site works when served from a sub-path (https://host/letter/), as GitHub Pages
serves a project site; and the deploy workflow does what the README says (issue 11)."""
from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import yaml
from lxml import html as lxml_html

from conftest import ROOT, run, serving
from test_artifacts import make_content

PREFIX = "/letter/"


def _links(page_url: str, data: bytes) -> list[str]:
    tree = lxml_html.fromstring(data)
    found = []
    for element in tree.xpath("//a[@href] | //link[@href] | //script[@src] | //img[@src]"):
        value = element.get("href") or element.get("src")
        if value and not value.startswith(("mailto:", "tel:", "data:", "javascript:")) \
                and value != "*|UNSUB|*":  # the e-mails' unsubscribe merge tag: the tool's
            found.append(urldefrag(urljoin(page_url, value))[0])
    return found


def _not_yet_built(root: Path, link: str) -> bool:
    """The e-mails link the "about" page, which comes with its own change of issue 19: a
    site built without it is not checked for it."""
    path = urlsplit(link).path
    return path.endswith("/about/") and not (root / path.lstrip("/") / "index.html").is_file()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_internal_link_resolves_under_a_sub_path(tmp_path: Path) -> None:
    content = make_content(tmp_path / "content", hostile=False)
    root = tmp_path / "www"
    root.mkdir()
    (root / "index.html").write_text("<p>another site at the root</p>", encoding="utf-8")
    with serving(root) as server:
        site_url = f"{server}{PREFIX}"
        built = run("build", "--out", str(root / "letter"), "--site-url", site_url, cwd=content)
        assert built.returncode == 0, built.stderr
        pages = sorted((root / "letter").rglob("*.html"))
        assert len(pages) > 30
        broken: dict[str, list[str]] = {}
        checked: dict[str, int] = {}
        for page in pages:
            url = f"{server}/{page.relative_to(root).as_posix()}"
            for link in _links(url, page.read_bytes()):
                if urlsplit(link).netloc != urlsplit(server).netloc:
                    continue  # another site (a practice's own links)
                assert urlsplit(link).path.startswith(PREFIX), (page, link)  # never the host's root
                if _not_yet_built(root, link):
                    continue
                if link not in checked:
                    checked[link] = _status(link)
                if checked[link] != 200:
                    broken.setdefault(link, []).append(str(page.relative_to(root)))
        assert broken == {}
        assert len(checked) > 100
        # The absolute addresses (feeds, sitemap, e-mails) carry the prefix too.
        sitemap = (root / "letter" / "sitemap.xml").read_text(encoding="utf-8")
        assert f"{site_url}fr/" in sitemap
        email = (root / "letter" / "fr" / "editions" / "2026-s1" / "email.html").read_bytes()
        for link in _links(site_url, email):
            if link.startswith(server) and not _not_yet_built(root, link):
                assert _status(link) == 200, link
        for kind in ("practices.json", "practices.csv", "practices.schema.json",
                     "datapackage.json"):
            assert _status(f"{site_url}data/{kind}") == 200


def test_deploy_workflow_checks_builds_smoke_checks_and_publishes_daily() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(
        encoding="utf-8"))
    on = workflow.get("on") or workflow.get(True)
    assert on["push"]["branches"] == ["main"]
    # Every day: a draft goes public on its date with nobody at the keyboard.
    assert [entry["cron"].split()[2:] for entry in on["schedule"]] == [["*", "*", "*"]]
    # Only the deploy job may publish; the build (content checks, tests) only reads.
    assert workflow["permissions"] == {"contents": "read", "pages": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    steps = build["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # feed dates come from git
    assert checkout["with"]["persist-credentials"] is False  # no token in .git/config
    commands = " ".join(s.get("run", "") for s in steps)
    # The content's gate: no code test suite here (tests.yml runs it on code changes).
    assert "check --strict" in commands and "pytest" not in commands and "make test" not in commands
    assert "smoke_check.py site" in commands
    site_url = next(s for s in steps if "--site-url" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in site_url["env"]["BASE_URL"]
    assert any(s.get("uses", "").startswith("actions/configure-pages") for s in steps)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    # The build keeps its cache (PDFs, e-mails, Korean analyses) between runs; the tests
    # do not write into it.
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache"))
    site_build = next(s for s in steps if "--site-url" in s.get("run", ""))
    assert site_build["env"]["NEWSLETTER_CACHE"].endswith("/" + cache["with"]["path"])
    assert "NEWSLETTER_CACHE" not in build.get("env", {})


def test_the_code_tests_run_in_their_own_workflow_on_code_changes() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(
        encoding="utf-8"))
    on = workflow.get("on") or workflow.get(True)
    for event in ("push", "pull_request"):
        assert "newsletter/**" in on[event]["paths"] and "practices/**" not in on[event]["paths"]
    commands = " ".join(s.get("run", "") for s in workflow["jobs"]["test"]["steps"])
    assert "make test" in commands
