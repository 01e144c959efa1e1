"""Benchmark cities' population and staff: the denominators of the size-fair scales.

A per-resident or per-staff level is only as honest as the figure it divides by, so every
population or staff figure a city file gives must name where it comes from: a seed phrase, or a
public statistic with its title (source and date) and address.
"""

from __future__ import annotations

import re

from dxcheck.io.load import load_benchmarks

CITIES = {city.id: city for city in load_benchmarks()}


def test_a_profile_figure_is_never_given_without_evidence() -> None:
    for city in CITIES.values():
        if city.population is not None or city.staff is not None:
            assert city.profile_evidence, city.id
        for evidence in city.profile_evidence:
            if evidence.source == "national":
                assert evidence.title and evidence.address.startswith("https://"), city.id
                # The title says which statistic and as of when: a year is always named.
                assert re.search(r"(令和|平成)\d+年|20\d\d", evidence.title), city.id
            else:
                assert evidence.seed == city.seed or not evidence.seed, city.id


def test_each_quoted_statistic_states_the_figure_the_file_uses() -> None:
    for city in CITIES.values():
        if city.population is None:
            continue
        n = city.population
        # written as 24,446 or 24446, or in 万 as 2万4563 (a dictionary's style)
        shown = {f"{n:,}", str(n), f"{n // 10000}万{n % 10000}"}
        quotes = " ".join(e.quote for e in city.profile_evidence)
        assert any(s in quotes for s in shown), (city.id, shown, quotes)


def test_the_audited_cities_have_their_population_from_a_named_statistic() -> None:
    # Second reader's figures (issue 10): the plans state none, so each is a public statistic.
    expected = {"ureshino": 24_446, "minamishimabara": 42_330, "ichikikushikino": 26_468}
    for city_id, population in expected.items():
        city = CITIES[city_id]
        assert city.population == population, city_id
        assert [e.source for e in city.profile_evidence] == ["national"], city_id
        # No staff figure could be found with a source; none is guessed.
        assert city.staff is None, city_id
