"""Issue 19: the open data names its licence and is described by a Frictionless data
package, `data/datapackage.json`, beside the files.

`practices.json` names the licences at its top level (and validates against its JSON
Schema); the data package lists the three files with their sizes and hashes, the CSV's
columns as a Table Schema, the licences and the publishers; `frictionless validate`
(the real command, offline) accepts it and refuses a changed file. Checked on the tests'
sample, built once for the run (`sample_site`).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from lxml import html as lxml_html

from conftest import SAMPLE, SITE_URL

FEDERATION = yaml.safe_load((SAMPLE / "federation.yml").read_text(encoding="utf-8"))
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def _validate(package: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run([str(FRICTIONLESS), "validate", "--json", package.name],
                            cwd=package.parent, capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert (result.returncode == 0) == report["valid"], result.stderr
    return report


def test_practices_json_names_its_licences_and_follows_its_schema(sample_site: Path) -> None:
    import jsonschema

    data = json.loads((sample_site / "data" / "practices.json").read_text(encoding="utf-8"))
    assert data["licenses"] == [{"name": item["key"], "path": item["url"], "titles": item["names"]}
                                for item in FEDERATION["licences"]]
    schema = json.loads((sample_site / "data" / "practices.schema.json").read_text(encoding="utf-8"))
    assert "licenses" in schema["required"]
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(data)
    # The schema does hold the licences to their form.
    broken = dict(data, licenses=[{"name": "etalab 2.0", "path": "https://example.org/"}])
    assert {error.validator for error in validator.iter_errors(broken)} == {"pattern", "required"}


def test_the_data_package_describes_the_files_licences_and_publishers(sample_site: Path) -> None:
    folder = sample_site / "data"
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert package["name"] == "lettre-bonnes-pratiques" and package["homepage"] == SITE_URL
    assert [item["name"] for item in package["licenses"]] == ["etalab-2.0", "KOGL-Type1"]
    assert all(item["path"].startswith("https://") and " / " in item["title"]
               for item in package["licenses"])
    assert [c["title"] for c in package["contributors"]] == [
        f"{p['names']['fr']} / {p['names']['ko']}" for p in FEDERATION["publishers"]]
    assert {c["role"] for c in package["contributors"]} == {"publisher"}
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {"practices.json", "practices.schema.json", "practices.csv"}
    for path, resource in resources.items():
        assert resource["bytes"] == (folder / path).stat().st_size
    table = resources["practices.csv"]
    header = (folder / "practices.csv").read_bytes().decode("utf-8-sig").split("\r\n", 1)[0]
    fields = table["schema"]["fields"]
    assert [f["name"] for f in fields] == [name.strip('"') for name in header.split(",")]
    assert all(f["description"] for f in fields)
    types = {f["name"]: f["type"] for f in fields}
    assert types["date"] == "date" and types["population"] == "integer"
    assert table["schema"]["primaryKey"] == ["slug", "lang"]


def test_frictionless_validates_the_package_and_refuses_a_changed_file(sample_site: Path,
                                                                      tmp_path: Path) -> None:
    report = _validate(sample_site / "data" / "datapackage.json")
    assert report["valid"], report
    tasks = {task["name"]: task for task in report["tasks"]}
    assert set(tasks) == {"practices-json", "practices-schema", "practices"}
    assert tasks["practices"]["stats"]["rows"] > 10  # the rows were read and checked

    copy = shutil.copytree(sample_site / "data", tmp_path / "data")
    csv = copy / "practices.csv"
    csv.write_bytes(csv.read_bytes().replace(b'"2026-s1"', b'"2026-s9"', 1))
    errors = {error["type"] for task in _validate(copy / "datapackage.json")["tasks"]
              for error in task["errors"]}
    assert {"constraint-error", "hash-count"} <= errors


def test_the_open_data_page_names_the_licence_and_the_package(sample_site: Path) -> None:
    for lang in ("fr", "ko"):
        page = sample_site / lang / "open-data" / "index.html"
        tree = lxml_html.fromstring(page.read_bytes())
        hrefs = {a.get("href") for a in tree.xpath("//ul[@class='nl-data']//a")}
        assert "../../data/datapackage.json" in hrefs
        assert (page.parent / "../../data/datapackage.json").resolve().is_file()
        licences = tree.xpath("//ul[@class='nl-licences']/li")
        assert [li.xpath("string(a)") for li in licences] == [
            item["names"][lang] for item in FEDERATION["licences"]]
        assert [li.xpath("string(a/@href)") for li in licences] == [
            item["url"] for item in FEDERATION["licences"]]
        assert [li.xpath("string(code)") for li in licences] == ["etalab-2.0", "KOGL-Type1"]
