"""The templates of `templates/` with the catalog of a language: the site's pages, the
e-mails and the scaffolds of `new` all render through this one environment."""
from __future__ import annotations

import functools

import jinja2

from . import i18n

TEMPLATES_DIR = i18n.TOOL_ROOT / "templates"


@functools.cache
def environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.catalog(lang), newstyle=True)  # type: ignore[attr-defined]
    return env
