"""Integrity rules of questionnaire 4.1.0 that the data itself must keep.

Read with tomllib, not through the models, so that the rules hold whatever the loader does
with them: size-fair scales with their reasoning written down, national targets only with
evidence, a mapping row for every 4.0.0 question, an entry for every new question in every
benchmark city, and wording that suits a 町 or 村 as much as a 市.
"""

from __future__ import annotations

import importlib.util
import itertools
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parents[1]
Q41 = ROOT / "questionnaires" / "jichitai-dx-4.1"
Q40 = ROOT / "questionnaires" / "jichitai-dx-4.0"
CITIES = ["ureshino", "kamiamakusa", "katagami", "minamishimabara", "ichikikushikino"]
BASES = {"share", "per_staff", "per_resident", "percent", "absolute"}
# The only question whose scope the national plan fixes for every municipality (20 業務).
ABSOLUTE_ALLOWED = {"standardization.migrated-systems"}


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


QUESTIONNAIRE = _load(Q41 / "questionnaire.toml")
QUESTIONS: list[dict[str, Any]] = QUESTIONNAIRE["questions"]
QIDS = {q["id"] for q in QUESTIONS}
OLD_IDS = [q["id"] for q in _load(Q40 / "questionnaire.toml")["questions"]]
MEASURES: list[dict[str, Any]] = [
    m for part in sorted(Q41.glob("measures-*.toml")) for m in _load(part)["measures"]
]
MAPPING = _load(Q41 / "mapping.toml")
SOURCE_ITEMS = {
    item["id"]
    for path in (ROOT / "questionnaires" / "sources").glob("*.toml")
    for item in _load(path)["items"]
}


def _national_evidence(e: dict[str, Any]) -> bool:
    return e.get("source") == "national"


def test_version_and_size_stay_answerable_in_an_afternoon() -> None:
    assert QUESTIONNAIRE["id"] == "jichitai-dx"
    assert QUESTIONNAIRE["version"] == "4.1.0"
    assert 70 <= len(QUESTIONS) <= 85
    assert len(QIDS) == len(QUESTIONS)


def test_unchanged_questions_keep_their_ids() -> None:
    kept = [r["old"] for r in MAPPING["questions"] if r["rule"] != "dropped"]
    assert all(old in QIDS for old in kept)
    assert len(kept) >= 60


def test_every_question_names_its_origin_and_sources() -> None:
    for q in QUESTIONS:
        assert q["origin"] in {"plans", "national", "both"}, q["id"]
        assert all(s in SOURCE_ITEMS for s in q["sources"]), q["id"]
        if q["origin"] != "national":
            assert q["sources"], f"{q['id']}: a question from the plans needs source items"
        assert q["evidence"], q["id"]


def test_wording_suits_towns_and_villages() -> None:
    # 「市」 alone (not 市町村・市区町村・都市 or an example in parentheses) would exclude a 町 or 村.
    lone = re.compile(r"(?<![都])市(?!町村|区町村)")
    for q in QUESTIONS:
        for text in [q["text"], *q["levels"]]:
            assert not lone.search(text), (q["id"], text)


@pytest.mark.parametrize("q", [q for q in QUESTIONS if "quantity" in q], ids=lambda q: q["id"])
def test_quantitative_scales_are_size_fair_and_reasoned(q: dict[str, Any]) -> None:
    qty = q["quantity"]
    assert qty["basis"] in BASES
    if qty["basis"] == "absolute":
        assert q["id"] in ABSOLUTE_ALLOWED, (
            "absolute counts only where the national plan fixes the scope"
        )
    if qty["basis"] == "share":
        assert qty["denominator_label"] and qty["denominator_unit"]
        assert qty["max"] == 100
    t = qty["thresholds"]
    assert len(t) == 5
    pairs = list(itertools.pairwise(t))
    assert all(a < b for a, b in pairs) or all(a > b for a, b in pairs)
    if "max" in qty:
        assert max(t) <= qty["max"]
    assert isinstance(qty["integer"], bool)
    assert qty["value_label"] and qty["value_unit"] and qty["unit"]
    assert len(qty["rationale"]) >= 80, "the reasoning behind the thresholds is written down"
    assert qty["example"].startswith("例:")


def test_no_scale_is_one_citys_kpi_table() -> None:
    # いちき串木野市's KPI baselines and targets (as percentages) must not all sit on thresholds.
    kpi_percent = {
        "frontyard.cashless-counter": [0, 20],
        "mynumber.card-rate": [85, 90],
        "mynumber.convenience-store": [15, 30],
        "bpr.e-approval": [10, 70],
    }
    by_id = {q["id"]: q for q in QUESTIONS}
    for qid, values in kpi_percent.items():
        thresholds = set(by_id[qid]["quantity"]["thresholds"])
        assert not set(values) <= thresholds, qid


def test_national_targets_only_with_evidence() -> None:
    with_target = [q for q in QUESTIONS if "national" in q]
    assert len(with_target) >= 5
    for q in with_target:
        n = q["national"]
        assert 1 <= n["level"] <= 5, q["id"]
        assert n["reason"], q["id"]
        assert n["evidence"], q["id"]
    ids = {q["id"] for q in with_target}
    assert {"standardization.migrated-systems", "frontyard.priority-procedures"} <= ids
    assert {"eltax.el-qr-tax", "eltax.el-qr-other", "security.policy-review"} <= ids


def _all_evidence() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for q in QUESTIONS:
        found += q["evidence"] + q.get("national", {}).get("evidence", [])
    for m in MEASURES:
        found += m.get("evidence", [])
    return found


def test_national_evidence_is_named_and_addressed() -> None:
    national = [e for e in _all_evidence() if _national_evidence(e)]
    assert national, "the national frame is evidenced"
    for e in national:
        assert e["title"] and e["locator"], e
        assert e["address"].startswith("https://"), e
        assert 1 <= len(e["quote"]) <= 80, e
        assert "seed" not in e, e
    for e in _all_evidence():
        if not _national_evidence(e):
            assert e["seed"], e


def test_mapping_has_a_row_for_every_old_question() -> None:
    assert MAPPING["from_version"] == "4.0.0"
    rows = MAPPING["questions"]
    assert [r["old"] for r in rows] == OLD_IDS
    for r in rows:
        assert r["rule"] in {"same", "level", "rederive", "dropped"}, r
        assert r["note"], r
        if r["rule"] == "dropped":
            assert "new" not in r, r
        else:
            assert r["new"] in QIDS, r
    by_id = {q["id"]: q for q in QUESTIONS}
    for r in rows:
        if r["rule"] == "rederive":
            # a level can be re-derived from the old value only when the value is still a percentage
            assert by_id[r["new"]]["quantity"]["basis"] == "percent", r


def test_measures_raise_41_questions_and_order_by_prerequisites() -> None:
    ids = {m["id"] for m in MEASURES}
    assert len(ids) == len(MEASURES)
    raised = set()
    for m in MEASURES:
        assert m["origin"] in {"plans", "national"}, m["id"]
        for r in m["raises"]:
            assert r["question"] in QIDS, (m["id"], r)
            raised.add(r["question"])
        assert all(p in ids and p != m["id"] for p in m.get("prerequisites", [])), m["id"]
        if m["origin"] == "national" and not m["cities"]:
            assert m["evidence"], m["id"]
        if m["origin"] == "plans":
            assert m["cities"], m["id"]
        if "kpi" in m:
            assert m["kpi"]["name"] and m["kpi"]["unit"], m["id"]
    assert raised >= QIDS, sorted(QIDS - raised)


def test_prerequisites_have_no_cycle() -> None:
    pre = {m["id"]: m.get("prerequisites", []) for m in MEASURES}
    state: dict[str, int] = {}

    def visit(mid: str) -> None:
        assert state.get(mid) != 1, f"cycle through {mid}"
        if state.get(mid) == 2:
            return
        state[mid] = 1
        for p in pre[mid]:
            visit(p)
        state[mid] = 2

    for mid in pre:
        visit(mid)


@pytest.mark.parametrize("city", CITIES)
def test_every_41_question_has_an_entry_for_every_city(city: str) -> None:
    data = _load(ROOT / "benchmarks" / f"{city}.toml")
    entries = data["questions"]
    missing = QIDS - set(entries)
    assert not missing, sorted(missing)
    new_ids = QIDS - set(OLD_IDS)
    for qid in new_ids:
        e = entries[qid]
        kinds = {ev["kind"] for ev in e.get("evidence", [])}
        assert e["rationale"], (city, qid)
        if e["current"] != "unknown":
            assert "current" in kinds, (city, qid)
        if "planned" in e:
            assert "planned" in kinds, (city, qid)


def test_new_question_entries_sit_after_the_marker() -> None:
    new_ids = QIDS - set(OLD_IDS)
    for city in CITIES:
        text = (ROOT / "benchmarks" / f"{city}.toml").read_text(encoding="utf-8")
        marker = text.index("# ---- 4.1.0 で加わった質問")
        for qid in new_ids:
            assert text.index(f'[questions."{qid}"]') > marker, (city, qid)


TOOL = ROOT.parent / "shared" / "tools" / "check_citations.py"


@pytest.mark.skipif(not TOOL.exists(), reason="../shared is not beside the repository")
def test_every_seed_quote_is_in_its_seed_and_only_national_quotes_are_unplaced() -> None:
    spec = importlib.util.spec_from_file_location("check_citations", TOOL)
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    seeds = {
        p.name: tool.normalize(p.read_text(encoding="utf-8")) for p in tool.SEEDS.glob("*.txt")
    }
    national = {e["quote"] for e in _all_evidence() if _national_evidence(e)}
    misses = []
    for path in [*sorted(Q41.glob("*.toml")), *sorted((ROOT / "benchmarks").glob("*.toml"))]:
        found: list[tuple[str, str | None, str]] = []
        tool.walk(_load(path), None, "", found)
        for where, seed, quote in found:
            if seed in seeds and tool.normalize(quote) in seeds[seed]:
                continue
            if seed is None and quote in national:
                continue  # a national document's phrase: named and addressed, checked above
            misses.append(f"{path.name}:{where}: {quote!r}")
    assert not misses, misses[:20]


def test_two_towns_of_very_different_size_with_the_same_proportion_score_the_same() -> None:
    # A town of 8,000 people and 90 staff against a city of 160,000 people and 1,800 staff:
    # the same proportional achievement must give the same level on every size-fair question.
    from dxcheck.io.load import load_questionnaire

    q41 = load_questionnaire(Q41)
    small = {"staff": 90, "population": 8_000}
    large = {"staff": 1_800, "population": 160_000}
    checked = 0
    for question in q41.questions:
        qty = question.quantity
        if qty is None or qty.basis not in {"share", "per_staff", "per_resident"}:
            continue
        for fraction in (0.02, 0.1, 0.3, 0.55, 0.8, 0.97):
            if qty.basis == "share":
                levels = {
                    qty.level_for(round(30 * fraction), denominator=30),
                    qty.level_for(round(600 * fraction), denominator=600),
                }
            else:
                # a rate that sits inside a level, scaled to each municipality's size
                base = "staff" if qty.basis == "per_staff" else "population"
                per = 100 if base == "staff" else 10_000
                rate = qty.thresholds[min(int(fraction * 5), 4)] * 1.01
                levels = {
                    qty.level_for(rate * small[base] / per, **{base: small[base]}),
                    qty.level_for(rate * large[base] / per, **{base: large[base]}),
                }
            assert len(levels) == 1 and None not in levels, (question.id, fraction, levels)
            checked += 1
    assert checked >= 14 * 6


def test_all_three_facilities_online_is_the_top_level_for_a_small_town() -> None:
    # 4.0.0 gave a town that put all 3 of its facilities online level 2.
    from dxcheck.io.load import load_questionnaire

    qty = load_questionnaire(Q41).question("community.facility-reservation").quantity
    assert qty is not None
    assert qty.level_for(3, denominator=3) == 5
