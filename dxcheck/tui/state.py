"""What the wizard holds while it runs: the shipped data, and the self-check being edited."""

from __future__ import annotations

from dataclasses import dataclass, field

from dxcheck.core.model import Assessment, BenchmarkCity, Questionnaire
from dxcheck.core.scoring import Benchmarks, Target, benchmark_scores
from dxcheck.io.sessions import ORIGIN_NEW, Position


@dataclass(frozen=True)
class WizardData:
    """Loaded once per run: the questionnaire and the benchmark cities with their scores."""

    questionnaire: Questionnaire
    cities: tuple[BenchmarkCity, ...]
    benchmarks: Benchmarks
    warning: str = ""  # why the cities could not be read, if they could not

    @classmethod
    def build(
        cls, questionnaire: Questionnaire, cities: tuple[BenchmarkCity, ...], warning: str = ""
    ) -> WizardData:
        return cls(questionnaire, cities, benchmark_scores(questionnaire, cities), warning)


@dataclass
class Session:
    """The self-check being edited. `id` is None for the demo, which is never autosaved."""

    id: str | None
    assessment: Assessment
    position: Position = field(default_factory=Position)
    target: Target = field(default_factory=Target)
    source: str = ""  # the answer file it was opened from
    origin: str = ORIGIN_NEW  # new | opened | merged (dxcheck.io.sessions.ORIGINS)
    label: str = ""  # the user's own name for it (start screen)
    last_question: str | None = None  # where 「質問に戻る」 goes from the review and results

    @property
    def is_demo(self) -> bool:
        return self.id is None


def saved_target(text: str, cities: tuple[BenchmarkCity, ...]) -> Target:
    """The target a session's sidecar names (`dxcheck.core.targets`); anything unusable — a
    city no longer shipped, a value out of range — falls back to the default (best)."""
    from dxcheck.core.errors import TargetError
    from dxcheck.core.targets import target_from_text

    try:
        return target_from_text(text, cities) if text else Target()
    except TargetError:
        return Target()


def load_wizard_data() -> WizardData:
    """The shipped questionnaire and cities with their scores (run in a worker thread).
    Cities that cannot be read are left out with a warning; the wizard still works."""
    from dxcheck.core.errors import InputError
    from dxcheck.io.load import load_benchmarks, load_questionnaire

    questionnaire = load_questionnaire()
    try:
        cities = load_benchmarks()
        warning = ""
    except InputError as exc:
        cities = ()
        warning = "先行市のデータを読み込めませんでした:\n" + "\n".join(
            p.format() for p in exc.problems[:5]
        )
    return WizardData.build(questionnaire, tuple(cities), warning)


def describe_load_error(error: BaseException) -> str:
    from dxcheck.core.errors import InputError

    if isinstance(error, InputError):
        return "\n".join(p.format() for p in error.problems[:8])
    return str(error)
