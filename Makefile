# Two commands do everything, on a machine with only Python 3:
#   make report   execute every notebook and render the HTML report
#   make test     run every test (unit tests, nbval, browser test)
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Options of `make report` (see README): DATA=path/to/acled.csv START=YYYY-MM-DD END=YYYY-MM-DD
DATA  ?=
START ?=
END   ?=
AREA  ?=
OUT   ?= build/report

.PHONY: setup test report bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

report: $(STAMP)
	$(PY) -m analysis.report --out "$(OUT)" $(if $(DATA),--data "$(DATA)") $(if $(START),--start "$(START)") $(if $(END),--end "$(END)") $(if $(AREA),--area "$(AREA)")

# The loading benchmark (by hand; about half an hour and 5 GB of generated files in
# benchmarks/out/): see the README's section on performance.
bench: $(STAMP)
	$(PY) -m pip install --quiet -c constraints.txt -e ".[bench]"
	$(PY) benchmarks/generate_acled.py --missing
	$(PY) benchmarks/generate_acled.py --missing --event-dates excel --rows 1000000 --rows 3000000
	$(PY) benchmarks/run.py

clean:
	rm -rf build
