"""Comparison outputs as spreadsheets. Views only: every number comes from dxcheck.core.compare."""
