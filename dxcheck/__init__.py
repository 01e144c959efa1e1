"""dxcheck — 自治体DXセルフチェック.

The package root imports nothing heavy: the CLI, the wizard and the report each import what
they need when they are asked for, so `dxcheck validate` never pays for Textual or WeasyPrint.
"""

__version__ = "0.1.0"
