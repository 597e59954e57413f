"""`python -m linkaudit ...`: the link checker's command line (see linkaudit.cli)."""

import sys

from linkaudit.cli import main

sys.exit(main())
