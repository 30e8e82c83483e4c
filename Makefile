# Two commands do everything, on a machine with only Python 3:
#   make report     execute every notebook and render the HTML report
#   make test       run every test (unit tests, doctests, nbval, browser test)
#   make test-fast  the inner loop: unit tests and doctests, no notebook run, no browser
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
# Python writes its bytecode caches (__pycache__, ignored by git) even where the machine's environment says not to
# (PYTHONDONTWRITEBYTECODE, set on some CI images): otherwise every test worker, notebook kernel and report build
# compiles the package again and pytest rewrites every test module's assertions again (about 5 s of `make test`).
unexport PYTHONDONTWRITEBYTECODE
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Options of `make report` (make report NAME=value ...): declared once, with their defaults and
# help, in analysis/report/options.py; `python -m analysis.report --help` and docs/report.md
# ("Rendering the report") list them. A value never passes through a shell or through make's own
# expansion: each option NAME of REPORT_OPTIONS given on make's command line is exported,
# unexpanded ($(value NAME)), as the environment variable REPORT_NAME, and
# `python -m analysis.report --from-env` reads it from there. An option is taken from make's
# command line only, never from the environment, and is not exported itself (make would expand
# it). REPORT_OPTIONS and REPORT_<NAME> belong to this Makefile: setting them on the command
# line is refused, and so is NAME:=value or NAME::=value, which make expands (running any
# $(shell ...) in it) before it reads this file. NAME!=command runs the command as make reads its
# command line, before this file too, and looks like NAME=<its output> from here: do not use it.
# To add an option: declare it in analysis/report/options.py and add its name here.
ifeq ($(origin REPORT_OPTIONS),command line)
$(error REPORT_OPTIONS is this Makefile's own; give options as NAME=value (see docs/report.md, "Rendering the report"))
endif
override REPORT_OPTIONS := DATA INVALID DAYFIRST START END AREA ATTACKS TARGET COMPARE OUT
$(foreach name,$(REPORT_OPTIONS),$(if $(filter command line,$(origin REPORT_$(name))),\
  $(error REPORT_$(name) is this Makefile's own; give the option as $(name)=value)))
$(foreach name,$(REPORT_OPTIONS),$(if $(and $(filter command line,$(origin $(name))),$(filter simple,$(flavor $(name)))),\
  $(error $(name) was given as $(name):=value, which make expands before reading this Makefile; give $(name)=value)))
$(foreach name,$(REPORT_OPTIONS),\
  $(eval export REPORT_$(name) = $$(if $$(filter command line,$$(origin $(name))),$$(value $(name)))))
unexport $(REPORT_OPTIONS)

.PHONY: setup test test-fast report docs bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,notebooks]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Tests run on every core (pytest-xdist), a test file or a notebook per worker at a time.
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m pytest -n auto --dist loadfile

# The tests marked `report` (they build or render a report: kernels, a browser) or `slow` (sweeps,
# fuzzers, large files, the wheel) and nbval's notebooks are left out; `make test` runs everything.
# Property tests draw 10 examples each here, 30 in `make test` (conftest.py); HYPOTHESIS_PROFILE chooses.
# Add pytest's own options after, e.g. `make test-fast ARGS=--lf`.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=$${HYPOTHESIS_PROFILE:-inner} $(PY) -m pytest -n auto --dist loadfile -m "not report and not slow" tests analysis tools $(ARGS)

report: $(STAMP)
	$(PY) -m analysis.report --from-env

# The API reference, from the numpydoc docstrings (docs/api/), written whole to build/docs/:
# a warning fails the build, and so does a page that would load anything from elsewhere.
docs: $(STAMP)
	rm -rf build/docs
	$(PY) -m sphinx -b html -E -W --keep-going -q docs/api build/docs

# The loading benchmark (by hand; about half an hour and 5 GB of generated files in
# benchmarks/out/): see docs/performance.md.
bench: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[bench]"
	$(PY) benchmarks/generate_acled.py --missing
	$(PY) benchmarks/generate_acled.py --missing --event-dates excel --rows 100000 --rows 1000000 --rows 3000000
	$(PY) benchmarks/run.py

clean:
	rm -rf build
