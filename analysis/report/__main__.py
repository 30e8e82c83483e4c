"""Run the report's command line: ``python -m analysis.report --help``."""

import sys

from . import main

if __name__ == "__main__":
    sys.exit(main())
