"""``python -m eventdata``: the command line."""

from eventdata.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
