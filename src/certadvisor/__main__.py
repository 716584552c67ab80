"""Run certadvisor as ``python -m certadvisor``."""

from certadvisor.cli import main

main()
