"""The command line: the root app, shared options, and one module per command."""
