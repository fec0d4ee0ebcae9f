"""`python -m bot.cli ...` is `digibot ...`."""

import sys

from bot.cli import main

sys.exit(main())
