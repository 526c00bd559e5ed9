"""`python -m viewer`: the same as the `timeline-viewer` command."""

import sys

from .cli import main

sys.exit(main())
