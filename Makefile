# Two commands do everything, on a machine with only Python 3:
#   make report     execute every notebook and render the HTML report
#   make test       run every test (unit tests, doctests, nbval, browser test)
#   make test-fast  the inner loop: unit tests and doctests, no notebook run, no browser
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Options of `make report` (see README, "Rendering the report"):
#   DATA=path/to/acled.csv START=YYYY-MM-DD END=YYYY-MM-DD AREA=name OUT=folder
#   ATTACKS="Battles;Explosions/Remote violence" TARGET="Military Forces of the United States"
# A value never passes through a shell or through make's own expansion: each option NAME
# listed in REPORT_OPTIONS is exported, unexpanded ($(value NAME)), as the environment
# variable REPORT_NAME, and `python -m analysis.report --from-env` reads it from there.
# The options themselves are not exported (make would expand them). To add an option:
# give it a default below, add its name to REPORT_OPTIONS, and add the option --name to
# analysis/report/__main__.py.
DATA  ?=
START ?=
END   ?=
AREA  ?=
ATTACKS ?=
TARGET  ?=
OUT   ?= build/report
REPORT_OPTIONS := DATA START END AREA ATTACKS TARGET OUT
$(foreach name,$(REPORT_OPTIONS),$(eval export REPORT_$(name) = $$(value $(name))))
unexport $(REPORT_OPTIONS)

.PHONY: setup test test-fast report bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,notebooks]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# Tests run on every core (pytest-xdist), a test file or a notebook per worker at a time.
test: $(STAMP)
	$(PY) -m pytest -n auto --dist loadfile

# The tests marked `report` (they build or render a report: kernels, a browser) and nbval's
# notebooks are left out; add pytest's own options after, e.g. `make test-fast ARGS=--lf`.
test-fast: $(STAMP)
	$(PY) -m pytest -n auto --dist loadfile -m "not report" tests analysis tools $(ARGS)

report: $(STAMP)
	$(PY) -m analysis.report --from-env

# The loading benchmark (by hand; about half an hour and 5 GB of generated files in
# benchmarks/out/): see the README's section on performance.
bench: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[bench]"
	$(PY) benchmarks/generate_acled.py --missing
	$(PY) benchmarks/generate_acled.py --missing --event-dates excel --rows 100000 --rows 1000000 --rows 3000000
	$(PY) benchmarks/run.py

clean:
	rm -rf build
