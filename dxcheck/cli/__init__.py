"""The command line: `dxcheck` opens the wizard; subcommands are the scripted face (docs/design.md §6).

One module per command, each with `add_parser(subparsers)` and `run(args) -> int`, so that a
command imports its heavy dependencies (WeasyPrint, the TUI) only when it runs.
"""
