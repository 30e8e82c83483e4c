# Two commands do everything, on a machine with only Python 3:
#   make report   execute every notebook and render the HTML report
#   make test     run every test (unit tests, nbval, browser test)
# Both create the virtual environment .venv on first use.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

# Options of `make report` (see README): DATA=path/to/acled.csv START=YYYY-MM-DD END=YYYY-MM-DD AREA=...
# ATTACKS="Battles;Explosions/Remote violence" TARGET="Military Forces of the United States"
DATA    ?=
START   ?=
END     ?=
AREA    ?=
ATTACKS ?=
TARGET  ?=
OUT     ?= build/report

.PHONY: setup test report clean

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

report: $(STAMP)
	$(PY) -m analysis.report --out "$(OUT)" $(if $(DATA),--data "$(DATA)") $(if $(START),--start "$(START)") $(if $(END),--end "$(END)") $(if $(AREA),--area "$(AREA)") $(if $(ATTACKS),--attacks "$(ATTACKS)") $(if $(TARGET),--target "$(TARGET)")

clean:
	rm -rf build
