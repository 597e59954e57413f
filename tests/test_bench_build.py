"""The build benchmark's figures (benchmarks/build.py summary): medians of ratios taken within a
round, so one lucky fast run of the plain build does not set the ratio. No build, no timing."""

from __future__ import annotations

from benchmarks.build import VARIANTS, summary


def rounds(*rows: tuple[float, float, float]) -> dict[str, list[tuple[float, float]]]:
    """(none, graph, all) CPU seconds per round; wall time is twice the CPU time."""
    return {v: [(2 * row[i], row[i]) for row in rows] for i, v in enumerate(VARIANTS)}


def test_ratio_is_the_median_of_the_rounds_ratios():
    times = rounds((10.0, 11.0, 12.0), (8.0, 8.8, 9.6), (10.0, 11.0, 12.0))  # round 2: the machine ran fast
    s = summary(times, 1)
    assert s["all"][1] == 1.2 and s["graph"][1] == 1.1
    # the fastest runs of each variant would give 9.6 / 8.0 = 1.2 here, but 12 / 8 = 1.5 if only the plain
    # build had the fast round: the rounds' ratios keep each comparison within one round
    skewed = rounds((10.0, 11.0, 12.0), (8.0, 11.0, 12.0), (10.0, 11.0, 12.0))
    assert summary(skewed, 1)["all"][1] == 1.2
    assert min(t[1] for t in skewed["all"]) / min(t[1] for t in skewed["none"]) == 1.5


def test_summary_gives_median_time_and_range_for_wall_and_cpu():
    times = rounds((10.0, 10.5, 11.0), (10.0, 11.5, 13.0), (10.0, 11.0, 12.0))
    median, ratio, low, high = summary(times, 0)["all"]
    assert (median, ratio, low, high) == (24.0, 1.2, 1.1, 1.3)
    assert summary(times, 1)["none"] == (10.0, 1.0, 1.0, 1.0)
