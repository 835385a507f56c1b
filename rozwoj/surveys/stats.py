"""The numbers of the results: counts and percentages, summaries of scales and numbers, the minimum group size,
and the paired change of one question between two waves.

Pure functions on plain data (no database): the selectors aggregate in SQL (counts per option or per value) and
hand the frequencies here, so nothing loops over individual answers except the paired change, whose pairs are
one respondent's two numbers.

The rules, stated once:

- a **percentage** is of the respondents who answered the question (for multiple choice the percentages may add
  up to more than 100);
- the **mean, median and standard deviation** (sample, n − 1) are given for numbers and scales only, never for
  codes of options;
- a group (the whole result under a filter, or a breakdown) with fewer responses than the questionnaire's
  minimum is **hidden**, and the page says so: with five answers from one small municipality, anyone can tell who
  said what;
- the **paired change** uses the respondents who answered the question in both waves (joined by their panel key).
  Its test is the Wilcoxon signed-rank test of SciPy on the non-zero differences (zero differences — no change —
  are discarded, the "wilcox" convention). With fewer than six non-zero differences no two-sided test at the 5%
  level can reach significance (the smallest possible p with five is 2/32 = 0.0625), so the result says the test
  is not meaningful instead of showing a p-value.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MIN_NONZERO_PAIRS = 6  # below this, no two-sided Wilcoxon test at 5% can be significant
EXACT_LIMIT = 50  # SciPy's "auto": exact distribution up to 50 differences without ties
PERMUTATION_LIMIT = 13  # SciPy's "auto" with ties: exhaustive permutations up to 13 differences


@dataclass(frozen=True)
class OptionCount:
    code: str
    label: str
    count: int
    percent: float  # of the respondents who answered the question


@dataclass(frozen=True)
class Summary:
    """Summary of numbers (a number question or points of a scale)."""

    n: int
    mean: float
    median: float
    sd: float | None  # None with a single value
    minimum: float
    maximum: float


def percent(count: int, base: int) -> float:
    """`count` as a percentage of `base`, rounded to one decimal (0 when the base is 0)."""
    return round(100.0 * count / base, 1) if base else 0.0


def option_counts(
    counts: Mapping[str, int], options: Sequence[tuple[str, str]], base: int
) -> list[OptionCount]:
    """One row per option, in the order of `options` ([(code, label)]), options nobody chose included with 0;
    codes counted that are not among the options (an option since removed) come last, labelled by their code."""
    rows = [
        OptionCount(code, label, counts.get(code, 0), percent(counts.get(code, 0), base))
        for code, label in options
    ]
    known = {code for code, _label in options}
    for code in sorted(set(counts) - known):
        rows.append(OptionCount(code, code, counts[code], percent(counts[code], base)))
    return rows


def summary(frequencies: Mapping[float, int] | Mapping[int, int]) -> Summary | None:
    """Mean, median, sample standard deviation, minimum and maximum from {value: how many} (what a GROUP BY
    gives); None when there is no value."""
    items = sorted((float(value), int(count)) for value, count in frequencies.items() if count > 0)
    n = sum(count for _value, count in items)
    if n == 0:
        return None
    mean = sum(value * count for value, count in items) / n
    sd = None
    if n > 1:
        sd = math.sqrt(sum(count * (value - mean) ** 2 for value, count in items) / (n - 1))
    return Summary(
        n=n,
        mean=mean,
        median=_weighted_median(items, n),
        sd=sd,
        minimum=items[0][0],
        maximum=items[-1][0],
    )


def _weighted_median(items: list[tuple[float, int]], n: int) -> float:
    """Median of sorted (value, count): the middle value, or the mean of the two middle ones."""
    lower_index, upper_index = (n - 1) // 2, n // 2
    lower = upper = None
    seen = 0
    for value, count in items:
        if lower is None and lower_index < seen + count:
            lower = value
        if upper_index < seen + count:
            upper = value
            break
        seen += count
    assert lower is not None
    assert upper is not None
    return (lower + upper) / 2


def is_hidden(count: int, minimum: int) -> bool:
    """The minimum-group-size rule: a group with fewer than `minimum` responses is not shown."""
    return count < minimum


def distribution(frequencies: Mapping[int, int], points: Iterable[int]) -> list[tuple[int, int, float]]:
    """(point, count, percent) for every point of a scale, points nobody chose included."""
    points = list(points)
    total = sum(frequencies.get(point, 0) for point in points)
    return [(point, frequencies.get(point, 0), percent(frequencies.get(point, 0), total)) for point in points]


@dataclass(frozen=True)
class WilcoxonResult:
    statistic: float  # the smaller of the sums of positive and negative ranks
    p_value: float
    method: str  # "exact", "permutation" or "normal approximation"


@dataclass(frozen=True)
class PairedChange:
    pairs: int  # respondents with a number in both waves
    increased: int
    decreased: int
    unchanged: int
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None  # after − before
    median_change: float | None
    # Matched-pairs rank-biserial correlation (sum of positive ranks − sum of negative ranks) / total, in −1…1.
    effect: float | None
    test: WilcoxonResult | None
    # Why there is no test (when `test` is None): "no pairs", "no change", "too few changes".
    no_test_reason: str = ""


def paired_change(pairs: Iterable[tuple[float, float]]) -> PairedChange:
    """The change between two waves from (before, after) pairs of one respondent each."""
    return paired_change_from_counts(Counter((float(before), float(after)) for before, after in pairs))


def paired_change_from_counts(counts: Mapping[tuple[float, float], int]) -> PairedChange:
    """The same from {(before, after): how many respondents} (what a GROUP BY of the pairs gives), so that
    100,000 pairs of a five-point scale are at most 25 rows here."""
    counts = {(float(before), float(after)): int(n) for (before, after), n in counts.items() if n > 0}
    n = sum(counts.values())
    if not n:
        return PairedChange(0, 0, 0, 0, None, None, None, None, None, None, "no pairs")
    differences: Counter[float] = Counter()
    for (before, after), how_many in counts.items():
        differences[after - before] += how_many
    nonzero = {difference: how_many for difference, how_many in differences.items() if difference != 0}
    effect = _rank_biserial(nonzero)
    test, reason = None, ""
    n_nonzero = sum(nonzero.values())
    if not nonzero:
        reason = "no change"
    elif n_nonzero < MIN_NONZERO_PAIRS:
        reason = "too few changes"
    else:
        test = wilcoxon(nonzero)
    return PairedChange(
        pairs=n,
        increased=sum(how_many for difference, how_many in nonzero.items() if difference > 0),
        decreased=sum(how_many for difference, how_many in nonzero.items() if difference < 0),
        unchanged=n - n_nonzero,
        mean_before=sum(before * how_many for (before, _after), how_many in counts.items()) / n,
        mean_after=sum(after * how_many for (_before, after), how_many in counts.items()) / n,
        mean_change=sum(difference * how_many for difference, how_many in differences.items()) / n,
        median_change=_weighted_median(sorted(differences.items()), n),
        effect=effect,
        test=test,
        no_test_reason=reason,
    )


def _rank_biserial(nonzero: Mapping[float, int]) -> float | None:
    """(sum of positive ranks − sum of negative ranks) / sum of all ranks, ranks of |difference| with ties
    sharing the mean of their positions."""
    if not nonzero:
        return None
    by_size: dict[float, list[int]] = {}
    for difference, how_many in nonzero.items():
        signs = by_size.setdefault(abs(difference), [0, 0])
        signs[0 if difference > 0 else 1] += how_many
    positive = negative = 0.0
    position = 0
    for size in sorted(by_size):
        up, down = by_size[size]
        rank = position + (up + down + 1) / 2
        positive += rank * up
        negative += rank * down
        position += up + down
    return (positive - negative) / (positive + negative)


def wilcoxon(nonzero: Mapping[float, int]) -> WilcoxonResult:
    """SciPy's two-sided Wilcoxon signed-rank test of non-zero differences ({difference: how many}), naming the method SciPy's "auto"
    chose: exact without ties up to 50 differences, exhaustive permutations with ties up to 13, else the normal
    approximation (adjusted for ties)."""
    import numpy
    from scipy import stats  # imported lazily: SciPy takes a while to load and only this needs it

    differences = numpy.repeat(numpy.array(list(nonzero), dtype=float), list(nonzero.values()))
    ties = len({abs(difference) for difference in nonzero}) < len(differences)
    if not ties and len(differences) <= EXACT_LIMIT:
        method = "exact"
    elif ties and len(differences) <= PERMUTATION_LIMIT:
        method = "permutation"
    else:
        method = "normal approximation"
    result = stats.wilcoxon(differences, zero_method="wilcox", alternative="two-sided", method="auto")
    return WilcoxonResult(statistic=float(result.statistic), p_value=float(result.pvalue), method=method)
