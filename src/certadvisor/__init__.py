"""certadvisor: a command-line certification advisor for allied-health careers."""

__version__ = "0.1.0"
