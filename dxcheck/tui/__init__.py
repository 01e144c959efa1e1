"""The wizard: a Japanese Textual self-check (see app.py). Not imported by the core."""
