"""The PDF gap report: view model (context), SVG charts, Jinja2 templates, WeasyPrint.

Nothing here is imported by the core or by the other commands; WeasyPrint itself is imported
only inside `render.html_to_pdf`, so that even `dxcheck report --help` stays light.
"""
