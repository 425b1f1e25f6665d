VENV ?= .venv
PY := $(VENV)/bin/python
FOI := $(VENV)/bin/foi
DEMO_INDEX := .foi-demo

.PHONY: demo test lint corpus clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	rm -rf $(DEMO_INDEX)
	$(FOI) --index $(DEMO_INDEX) ingest corpus/ || true
	$(FOI) --index $(DEMO_INDEX) documents
	$(FOI) --index $(DEMO_INDEX) search "recommendation 7 vetting" --limit 5
	$(FOI) --index $(DEMO_INDEX) search "ViSOR vetting" --by-year --limit 3
	$(FOI) --index $(DEMO_INDEX) recs 9
	$(FOI) --index $(DEMO_INDEX) actions --status open
	$(FOI) --index $(DEMO_INDEX) trace --query "workshop recommendation 9"
	$(FOI) --index $(DEMO_INDEX) audit || true

test: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

corpus: $(VENV)/.installed
	$(PY) corpus/build_corpus.py

clean:
	rm -rf $(VENV) $(DEMO_INDEX) .foi
