"""concurrency_spec/testing/waits.py proves itself: the scale factor is SPEC_TIMEOUT_SCALE, 1 when it is
unset, empty or not a number, and never below 0.1."""

import pytest

from concurrency_spec.testing import waits


@pytest.mark.parametrize(
    ("value", "scale"), [(None, 1.0), ("", 1.0), ("3", 3.0), ("0.5", 0.5), ("0.01", 0.1), ("slow", 1.0)]
)
def test_the_scale_is_spec_timeout_scale_with_a_floor(monkeypatch, value, scale):
    if value is None:
        monkeypatch.delenv("SPEC_TIMEOUT_SCALE", raising=False)
    else:
        monkeypatch.setenv("SPEC_TIMEOUT_SCALE", value)

    assert waits._scale() == scale


def test_every_wait_grows_with_the_scale():
    waited = (waits.TIMEOUT, waits.SLOW_TIMEOUT, waits.LONG_TIMEOUT, waits.GRACE)
    assert waited == pytest.approx(tuple(base * waits.SCALE for base in (2.0, 3.0, 10.0, 0.2)))
