"""The wizard's screens and dialogs, one per module with its .tcss beside it."""
