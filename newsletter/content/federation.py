"""`federation.yml`: who publishes the letter (the publishers, the director of publication,
the host), the licences its texts and data may be reused under, and whom readers of each
language write to (an office per side: the French one for French readers, the Korean one
for Korean readers).

The file is optional for a content tree in the making, but a letter that goes public must
name its publishers: without them `check` warns (an error with `--strict`).
"""
from __future__ import annotations

import re

from ..i18n import _
from .files import Files, read_settings
from .model import Problem, Severity
from .publishing import Federation, Host, Licence, Office, Publisher
from .federation_schema import FederationFile, OfficeFields

FEDERATION_FILE = "federation.yml"
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.\-]*)\s*:")
"""What starts an address with a scheme ("javascript:", "https:")."""


def load_federation(files: Files, problems: list[Problem]) -> Federation | None:
    """federation.yml, or None (with a warning when it is missing, an error when wrong)."""
    file = files.root / FEDERATION_FILE
    if not (file.exists() or file.is_symlink()):
        problems.append(Problem(FEDERATION_FILE, None, _(
            "federation.yml is missing: the site, the e-mails and the PDFs will name no "
            "publisher, no licence and no office to write to; add it (see README, "
            "\"Who publishes the letter\")"), Severity.WARNING))
        return None
    problem = files.problem(file)
    if problem is None and not file.is_file():
        problem = Problem(FEDERATION_FILE, None, _("federation.yml must be a file"))
    if problem:
        problems.append(problem)
        return None
    document, fields = read_settings(file, FEDERATION_FILE, FederationFile, problems)
    if document is None or fields is None:
        return None
    found: list[Problem] = []
    if fields.offices is not None:
        offices = {"fr": fields.offices.fr, "ko": fields.offices.ko}
        where = "offices"
    elif fields.office is not None:  # the older form: one office for both sides
        offices = {"fr": fields.office, "ko": fields.office}
        where = "office"
    else:
        found.append(Problem(FEDERATION_FILE, None, _(
            "the offices readers write to are missing; add offices: with fr: and ko:, each "
            "with names, email and url")))
        offices, where = {}, ""
    for lang, office in offices.items():
        if office.email is None and office.url is None:
            found.append(Problem(FEDERATION_FILE, document.line_of((where, lang) if where ==
                                                                   "offices" else (where,)), _(
                "the office needs an email or a url (or both), for readers to write to it")))
    scheme = _SCHEME.match(fields.unsubscribe or "")
    if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        # The tag is the href of the e-mails' unsubscribe link, and the e-mails are pages
        # of the site too: a "javascript:" there would run when clicked.
        found.append(Problem(FEDERATION_FILE, document.line_of(("unsubscribe",)), _(
            "the unsubscribe tag becomes the address of a link: write the mailing tool's "
            "merge tag (e.g. *|UNSUB|*) or a web address, not a \"{scheme}:\" address").format(
                scheme=scheme.group(1))))
    if not fields.publishers:
        found.append(Problem(FEDERATION_FILE, None, _(
            "no publisher is named; add publishers: with the names (fr and ko), the postal "
            "address and the url of each federation that publishes the letter"),
            Severity.WARNING))
    problems += found
    if any(p.is_error for p in found):
        return None
    return Federation(
        publishers=tuple(Publisher({"fr": p.names.fr, "ko": p.names.ko}, p.address, p.url, p.phone)
                         for p in fields.publishers),
        director={"fr": fields.director.fr, "ko": fields.director.ko} if fields.director else {},
        host=Host(fields.host.name, fields.host.address, fields.host.url, fields.host.phone)
        if fields.host else None,
        licences=tuple(Licence(item.key, {"fr": item.names.fr, "ko": item.names.ko}, item.url)
                       for item in fields.licences),
        offices={lang: _office(office) for lang, office in offices.items()},
        unsubscribe=fields.unsubscribe, accessibility_date=fields.accessibility_date)


def _office(fields: OfficeFields) -> Office:
    return Office({"fr": fields.names.fr, "ko": fields.names.ko}, fields.email, fields.url)
