VENV ?= .venv
PY := $(VENV)/bin/python
FOI := $(VENV)/bin/foi
DEMO_INDEX := .foi-demo

.PHONY: demo test lint corpus clean system-tools

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Tesseract and poppler: apt-get installs them where it can; else one line says what to install.
system-tools:
	@scripts/system_tools.sh

# Every step must succeed: a shipped file that cannot be read fails the demo (ingest exits 1).
# The audit exits 1 when it has findings (the corpus has some), 2 or 3 on an error.
demo: $(VENV)/.installed
	@scripts/system_tools.sh --strict
	rm -rf $(DEMO_INDEX)
	$(FOI) --index $(DEMO_INDEX) ingest corpus/
	$(FOI) --index $(DEMO_INDEX) documents
	$(FOI) --index $(DEMO_INDEX) search "recommendation 7 vetting" --limit 5
	$(FOI) --index $(DEMO_INDEX) search "ViSOR vetting" --by-year --limit 3
	$(FOI) --index $(DEMO_INDEX) recs 9
	$(FOI) --index $(DEMO_INDEX) actions --status open
	$(FOI) --index $(DEMO_INDEX) trace --query "workshop recommendation 9"
	$(FOI) --index $(DEMO_INDEX) audit || [ $$? -eq 1 ]
	@echo
	@echo "The demo index is in $(DEMO_INDEX). Run foi against it with:"
	@echo "  $(FOI) --index $(DEMO_INDEX) search \"recommendation 7 vetting\""
	@echo "or, for this shell:"
	@echo "  source $(VENV)/bin/activate && export FOI_INDEX=$(DEMO_INDEX)"
	@echo "  foi search \"recommendation 7 vetting\""

test: $(VENV)/.installed system-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

corpus: $(VENV)/.installed
	$(PY) corpus/build_corpus.py

clean:
	rm -rf $(VENV) $(DEMO_INDEX) .foi
