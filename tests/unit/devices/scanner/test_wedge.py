"""WedgeClassifier: a scanner's burst versus a person typing."""

from __future__ import annotations

from desk.devices.scanner.wedge import WedgeClassifier, WedgeDecision


def feed_all(classifier: WedgeClassifier, text: str, start: float, step: float) -> list[WedgeDecision]:
    decisions: list[WedgeDecision] = []
    for index, char in enumerate(text):
        decisions += classifier.feed(char, start + index * step)
    return decisions


def test_fast_burst_with_enter_is_a_scan() -> None:
    classifier = WedgeClassifier(max_interval_ms=30, min_length=4)
    assert feed_all(classifier, "31234000000011\r", 1000, 8) == [WedgeDecision("scan", "31234000000011")]
    assert classifier.pending == ""


def test_tab_suffix_and_prefix() -> None:
    classifier = WedgeClassifier(prefix="%")
    assert feed_all(classifier, "%A123B\t", 0, 5) == [WedgeDecision("scan", "A123B")]
    # Without the prefix the burst is a person's (or another device's) keys.
    assert feed_all(classifier, "A123B\t", 100, 5) == [WedgeDecision("typing", "A123B\t")]


def test_slow_typing_is_released_as_typing() -> None:
    classifier = WedgeClassifier(max_interval_ms=30, min_length=4)
    decisions = feed_all(classifier, "3123\r", 0, 150)
    assert decisions == [WedgeDecision("typing", c) for c in "3123"] + [WedgeDecision("typing", "\r")]


def test_short_fast_burst_is_typing() -> None:
    classifier = WedgeClassifier(max_interval_ms=30, min_length=4)
    assert feed_all(classifier, "ok\r", 0, 5) == [WedgeDecision("typing", "ok\r")]


def test_flush_releases_held_keys_after_the_window() -> None:
    classifier = WedgeClassifier(max_interval_ms=30)
    assert classifier.feed("a", 0) == []
    assert classifier.pending == "a"
    assert classifier.flush(20) == []
    assert classifier.flush(31) == [WedgeDecision("typing", "a")]
    assert classifier.pending == ""


def test_pause_inside_burst_splits_typing_from_scan() -> None:
    classifier = WedgeClassifier(max_interval_ms=30, min_length=4)
    decisions = classifier.feed("x", 0)
    decisions += feed_all(classifier, "12345678\r", 500, 4)
    assert decisions == [WedgeDecision("typing", "x"), WedgeDecision("scan", "12345678")]


def test_runaway_buffer_released() -> None:
    classifier = WedgeClassifier(max_length=10)
    decisions = feed_all(classifier, "a" * 11, 0, 1)
    assert decisions == [WedgeDecision("typing", "a" * 11)]
