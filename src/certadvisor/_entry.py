"""The console-script entry point, kept free of imports so it can set up the process first."""


def main() -> None:
    """Run certadvisor."""
    import gc
    import sys

    # A run is short and builds many objects (Typer, Rich and pydantic classes) with few
    # reference cycles: without the cyclic collector start-up is 10-15 ms faster, and
    # reference counting still frees memory as usual.
    gc.disable()
    from certadvisor.models import mode

    mode.allow_plain()  # warm runs read validated data: the plain models, unless told otherwise
    try:
        from certadvisor.cli.app import main as run

        run()
    except KeyboardInterrupt:
        # Ctrl-C while the program is still starting (importing) is an interruption too
        sys.exit(130)
    finally:
        # At exit the interpreter's last cyclic collection walks every object the run built
        # (tens of thousands: the model classes, their schemas): about 10% of a short run.
        # Frozen objects are left to the exit itself; files are closed by their `with`
        # blocks, atexit handlers and module teardown run as before.
        gc.freeze()
