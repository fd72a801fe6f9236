#!/usr/bin/env python3
"""Build the exercise-guide site: `python build.py --help`."""
import sys

from exguide.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
