"""四水四定任务分工 — start the program: the window by default, a command when one is given."""

from __future__ import annotations

import gc
import sys


def main() -> int:
    # Start-up builds hundreds of thousands of objects that live as long as the program; collecting while they are
    # made only slows the start. The window (or the command) switches collection back on once it is ready.
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    from sisiding_desktop.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
