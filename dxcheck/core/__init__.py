"""The pure core: models, scoring, proposals, comparison. No IO, no UI library."""
