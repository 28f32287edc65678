"""Bulk work pauses the cyclic collector, and a worker gets it back afterwards, even after a failure."""

import gc

import pytest

from shieldsite.collector import collector_paused


def test_collector_is_back_after_bulk_work_even_when_it_fails():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled(), "an inner pause must not re-enable the outer one"
    assert gc.isenabled()

    @collector_paused()
    def failing_import():
        assert not gc.isenabled()
        raise ValueError("bad file")

    with pytest.raises(ValueError):
        failing_import()
    assert gc.isenabled()
