"""Files in and out: reading and checking input, atomic writes, autosave, exports."""
