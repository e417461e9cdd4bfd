"""The catalogs: every string of the templates and the code is translated, in both languages."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from conftest import ROOT

PLACEHOLDER = re.compile(r"\{[a-z_]+(?::[^}]*)?\}|%\([a-z_]+\)[sd]")


def test_every_extracted_string_is_translated_with_its_placeholders(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "extract", "-F", "babel.cfg", "-k", "N_", "-k", "ngettext:1,2",
                    "--no-location", "--omit-header", "-o", str(pot), "."], cwd=ROOT, check=True,
                   capture_output=True)
    with pot.open("rb") as file:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(file) if m.id}
    assert len(wanted) > 150
    for lang in ("fr", "ko"):
        with (ROOT / "locales" / lang / "LC_MESSAGES" / "messages.po").open("rb") as file:
            catalog = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in read_po(file) if m.id}
        missing = sorted(wanted - catalog.keys())
        assert missing == [], f"{lang}: run `make catalogs`, then translate {missing}"
        for key in wanted:
            message = catalog[key]
            strings = [message.string] if isinstance(message.string, str) else list(message.string)
            assert all(strings), f"{lang}: not translated: {key!r}"
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            expected = set(PLACEHOLDER.findall(ids[-1]))
            for string in strings:
                assert set(PLACEHOLDER.findall(string)) == expected, (lang, key, string)
