"""Run certadvisor as ``python -m certadvisor``."""

from certadvisor._entry import main

main()
