"""dxcheck.core.compare_table: the comparison's rows filtered and sorted, numbers untouched."""

from __future__ import annotations

import datetime as dt

from dxcheck.core import compare_table
from dxcheck.core.compare import Submission, band_order, submission
from dxcheck.io.load import load_questionnaire
from dxcheck.io.municipalities import in_prefecture
from tests.samples import synthetic_assessment

Q = load_questionnaire()


def subs() -> list[Submission]:
    chosen = [m for m in in_prefecture("佐賀県") if " " not in m.name][:4]
    chosen += [m for m in in_prefecture("北海道") if " " not in m.name][:2]
    out = []
    for seed, m in enumerate(chosen):
        a = synthetic_assessment(Q, m, seed=seed, assessed_on=dt.date(2026, 11, 1))
        if seed == 2:  # nothing answered: no scores at all
            a.answers = {}
        out.append(submission(f"{m.code}.toml", a, Q))
    return out


def test_sorting_numbers_puts_missing_scores_last_either_way() -> None:
    rows = subs()
    for descending in (False, True):
        got = compare_table.rows(rows, sort="overall", descending=descending)
        scores = [s.card.overall for s in got]
        assert scores[-1] is None
        present = [v for v in scores if v is not None]
        assert present == sorted(present, reverse=descending)
    area = compare_table.area_column(Q.areas[0].id)
    got = compare_table.rows(rows, sort=area, descending=True)
    values = [s.card.area(Q.areas[0].id).score for s in got]
    assert values[-1] is None and compare_table.is_numeric(area)


def test_text_columns_and_bands_sort_in_their_own_order() -> None:
    rows = subs()
    assert [s.code for s in compare_table.rows(rows)] == sorted(s.code for s in rows)
    by_band = compare_table.rows(rows, sort="band")
    order = band_order()
    assert [order.index(s.band) for s in by_band] == sorted(order.index(s.band) for s in rows)
    assert compare_table.value(rows[0], "name") == rows[0].assessment.municipality.name


def test_filters_by_prefecture_band_and_name_or_code() -> None:
    rows = subs()
    saga = compare_table.rows(rows, prefecture="佐賀県")
    assert {s.assessment.municipality.prefecture for s in saga} == {"佐賀県"} and len(saga) == 4
    band = rows[0].band
    assert all(s.band == band for s in compare_table.rows(rows, band=band))
    name = rows[1].assessment.municipality.name
    assert [s.code for s in compare_table.rows(rows, text=name[:2])] == [rows[1].code]
    assert [s.code for s in compare_table.rows(rows, text=rows[3].code)] == [rows[3].code]
    assert len(compare_table.rows(rows, text="４１")) == 4  # full-width digits typed with the IME
    assert compare_table.prefectures(rows) == ["北海道", "佐賀県"]
    assert compare_table.bands(rows) == [b for b in band_order() if b in {s.band for s in rows}]
