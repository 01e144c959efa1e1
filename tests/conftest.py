"""Settings every test module shares.

Hypothesis: the suite must give the same verdict on every run and on a busy machine, so by
default its examples are derived from each test (derandomize) and no example has a time limit
(a loaded CI runner is not a bug). To hunt for new failing inputs, run with random examples:
    HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest tests -k <name>
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dxcheck",
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,  # derandomized: a saved example would only replay what the seed gives
)
settings.register_profile(
    "explore", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=500
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dxcheck"))
