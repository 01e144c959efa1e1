"""Modal dialogs of the wizard (one per module, its styles beside it)."""
