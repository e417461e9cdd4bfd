# Lettre des bonnes pratiques / 우수사례 뉴스레터
#   make site    set up .venv, then build the sample content into site/
#   make test    set up .venv, then run the whole test suite
#   make serve   live preview for editors (drafts shown)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
READY  := $(VENV)/.installed
TOOLS  := $(VENV)/.installed-test

.PHONY: site test serve check catalogs clean bench

# What a build needs (an editor who only builds gets nothing more)...
$(READY): pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Cannot create $(VENV): on Debian/Ubuntu install python3-venv (apt-get install python3-venv)"; exit 1; }
	$(PY) -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

# ...and what the tests need too (a browser driver, PDF and feed readers).
$(TOOLS): $(READY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

site: $(READY)
	$(PY) build_newsletter.py build

test: $(TOOLS)
	$(PY) -m pytest

serve: $(READY)
	$(PY) build_newsletter.py serve

check: $(READY)
	$(PY) build_newsletter.py check

# Refresh the catalogs after changing a UI string or a message (then translate
# the new entries in locales/*/LC_MESSAGES/messages.po). Builds compile them.
catalogs: $(READY)
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location \
		--sort-output --omit-header -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching

clean:
	rm -rf site tests/artifacts

# The benchmark (issues 6, 21): for 100, 500 and 2 000 synthetic practices, our cold builds
# (site only, whole), warm ones (after one edit, unchanged) and the seconds of each stage,
# beside the peers of ../shared/peers when they are set up (see bench/NOTES.md); the live preview.
bench: $(TOOLS)
	$(PY) bench/run.py --peers
