"""The statistics of the results against values computed by hand (the workings are in the comments)."""

import math

import pytest

from rozwoj.surveys import stats as statistics
from rozwoj.surveys.stats import OptionCount


def test_counts_and_percentages_keep_the_order_of_the_options_and_show_options_nobody_chose():
    rows = statistics.option_counts({"b": 3, "a": 1, "gone": 1}, [("a", "A"), ("b", "B"), ("c", "C")], base=5)
    assert rows == [
        OptionCount("a", "A", 1, 20.0),
        OptionCount("b", "B", 3, 60.0),
        OptionCount("c", "C", 0, 0.0),
        OptionCount("gone", "gone", 1, 20.0),  # an option removed since: still counted, labelled by its code
    ]


def test_percentages_of_a_multiple_choice_are_of_respondents_and_may_add_up_to_more_than_100():
    rows = statistics.option_counts({"a": 3, "b": 2}, [("a", "A"), ("b", "B")], base=3)
    assert [row.percent for row in rows] == [100.0, 66.7]
    assert statistics.percent(1, 0) == 0.0


def test_summary_of_frequencies_as_a_group_by_gives_them():
    # Values 1, 2, 2, 4, 4, 4, 5: n = 7, mean = 22/7, median = the 4th value = 4,
    # squared deviations (in 49ths): 225 + 2·64 + 3·36 + 169 = 630 → variance 630/49/6 = 2.142857…
    result = statistics.summary({1: 1, 2: 2, 4: 3, 5: 1, 3: 0})
    assert result.n == 7
    assert result.mean == pytest.approx(22 / 7)
    assert result.median == 4
    assert result.sd == pytest.approx(math.sqrt(630 / 49 / 6))
    assert (result.minimum, result.maximum) == (1, 5)


def test_median_of_an_even_number_of_values_is_the_mean_of_the_two_middle_ones():
    assert statistics.summary({1: 2, 3: 2}).median == 2  # 1, 1, 3, 3
    assert statistics.summary({2.5: 1}).sd is None  # one value: no standard deviation
    assert statistics.summary({}) is None


def test_the_minimum_group_size_hides_smaller_groups():
    assert statistics.is_hidden(4, 5)
    assert not statistics.is_hidden(5, 5)
    assert statistics.is_hidden(0, 1)


def test_distribution_over_every_point_of_the_scale():
    assert statistics.distribution({1: 1, 3: 3}, range(1, 5)) == [
        (1, 1, 25.0),
        (2, 0, 0.0),
        (3, 3, 75.0),
        (4, 0, 0.0),
    ]


def test_paired_change_with_ties_uses_exhaustive_permutations():
    # Differences 1, 2, 3, −1, 4, 5, 6, 2, 3 (after − before). Ranks of |d|: 1.5 1.5 3.5 3.5 5.5 5.5 7 8 9.
    # The only negative difference (−1) has rank 1.5: T− = 1.5, T+ = 45 − 1.5 = 43.5, statistic = 1.5.
    # Sign assignments (2⁹ = 512) whose negative ranks sum to ≤ 1.5: none, or one of the two 1.5s → 3;
    # two-sided p = 2 · 3 / 512 = 0.01171875. Effect (43.5 − 1.5) / 45 = 0.9333.
    before = [2, 1, 1, 3, 1, 0, 0, 2, 1]
    differences = [1, 2, 3, -1, 4, 5, 6, 2, 3]
    result = statistics.paired_change(
        [(b, b + difference) for b, difference in zip(before, differences, strict=True)]
    )
    assert (result.pairs, result.increased, result.decreased, result.unchanged) == (9, 8, 1, 0)
    assert result.mean_change == pytest.approx(25 / 9)
    assert result.median_change == 3
    assert result.mean_before == pytest.approx(11 / 9)
    assert result.effect == pytest.approx(42 / 45)
    assert result.test.statistic == 1.5
    assert result.test.p_value == pytest.approx(6 / 512)
    assert result.test.method == "permutation"


def test_paired_change_without_ties_is_exact_and_zero_differences_are_discarded():
    # Differences 1..6, −7 and two zeros. Zeros dropped ("wilcox"): n = 7, ranks 1..7, T− = 7.
    # Subsets of {1..7} with sum ≤ 7: sums 0,1,2 → 1 each; 3 → 2; 4 → 2; 5 → 3; 6 → 4; 7 → 5: 19 of 128;
    # two-sided p = 38/128 = 0.296875.
    pairs = [(3, 3 + d) for d in (1, 2, 3, 4, 5, 6)] + [(8, 1), (2, 2), (4, 4)]
    result = statistics.paired_change(pairs)
    assert (result.pairs, result.increased, result.decreased, result.unchanged) == (9, 6, 1, 2)
    assert result.test.statistic == 7
    assert result.test.p_value == pytest.approx(38 / 128)
    assert result.test.method == "exact"
    assert result.effect == pytest.approx((21 - 7) / 28)


def test_fewer_than_six_changes_give_no_test_but_still_the_change():
    result = statistics.paired_change([(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (3, 3), (3, 3)])
    assert result.test is None
    assert result.no_test_reason == "too few changes"
    assert result.pairs == 7
    assert result.mean_change == pytest.approx(5 / 7)


def test_no_change_at_all_and_no_pairs_give_no_test():
    unchanged = statistics.paired_change([(4, 4)] * 10)
    assert unchanged.test is None
    assert unchanged.no_test_reason == "no change"
    assert unchanged.effect is None
    assert unchanged.mean_change == 0
    empty = statistics.paired_change([])
    assert (empty.pairs, empty.test, empty.no_test_reason) == (0, None, "no pairs")


def test_many_tied_differences_use_the_normal_approximation():
    result = statistics.paired_change([(2, 3)] * 10 + [(3, 2)] * 4)  # 14 differences, all |d| = 1
    # Ranks all 7.5: T+ = 75, T− = 30; z = (30 − 52.5) / sqrt(14·15·29/24 − ties) with tie term 14³−14 over 48:
    # variance = 253.75 − 57.1666… = 196.5833…; z = −22.5 / 14.0208 = −1.6048; p = 2·Φ(−1.6048) = 0.1085.
    assert result.test.method == "normal approximation"
    assert result.test.statistic == 30
    assert result.test.p_value == pytest.approx(0.1085, abs=5e-4)
