"""One module per command or command group: flags in, engine call, rendering out."""
