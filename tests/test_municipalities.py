from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dxcheck.io import municipalities as m


def test_every_shipped_code_passes_its_check_digit_and_list_is_complete() -> None:
    rows = m.all_municipalities()
    assert len(rows) == 1916
    assert all(m.check_digit(r.code[:5]) == int(r.code[5]) for r in rows)
    assert {r.prefecture for r in rows} == set(m.PREFECTURES)


def test_lookup_by_code_and_by_name_and_reading() -> None:
    assert m.by_code("412091").name == "嬉野市"  # type: ignore[union-attr]
    assert m.by_code("４１２０９１") is not None  # full-width digits are accepted
    assert m.by_name("鹿児島県", "いちき串木野市").code == "462195"  # type: ignore[union-attr]
    assert [x.name for x in m.search("佐賀県", "うれしの")] == ["嬉野市"]
    assert m.search("秋田県", "潟上")[0].code == "052116"


def test_code_problems_are_explained() -> None:
    assert m.code_problem("412091") is None
    assert "検査数字" in (m.code_problem("412092") or "")
    assert "6桁" in (m.code_problem("41209") or "")
    assert "空" in (m.code_problem("") or "")
    unused = "99999" + str(m.check_digit("99999"))  # valid check digit, no such municipality
    assert "一覧にありません" in (m.code_problem(unused) or "")


@given(st.text(max_size=12))
def test_code_problem_never_raises(text: str) -> None:
    result = m.code_problem(text)
    assert result is None or isinstance(result, str)
