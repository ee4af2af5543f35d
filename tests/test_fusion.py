import numpy as np
import pytest

from knowledge.fusion import rrf, weighted


def brute_rrf(rankings, weights, k):
    docs = {d for r in rankings for d in r}
    out = {}
    for d in docs:
        out[d] = sum(w / (k + r.index(d) + 1) for r, w in zip(rankings, weights, strict=True) if d in r)
    return out


def test_rrf_matches_brute_force_on_random_rankings():
    rng = np.random.default_rng(0)
    for _ in range(50):
        rankings = [list(rng.permutation(30)[: rng.integers(1, 30)]) for _ in range(2)]
        weights = list(rng.uniform(0.1, 2, size=2))
        got = dict(rrf(rankings, weights, k=60))
        want = brute_rrf(rankings, weights, 60)
        assert got.keys() == want.keys()
        for d in got:
            assert got[d] == pytest.approx(want[d])


def test_rrf_orders_agreement_first():
    fused = rrf([[1, 2, 3], [2, 1, 4]])
    assert [d for d, _ in fused][:2] in ([1, 2], [2, 1])
    assert fused[-1][0] in (3, 4)


def test_weighted_normalizes_each_list():
    fused = weighted([[(0, 10.0), (1, 8.0), (3, 0.0)], [(1, 0.9), (2, 0.1)]], [1.0, 1.0])
    assert fused[0] == (1, pytest.approx(1.8))  # 0.8 + 1.0 beats 1.0 + 0
    assert dict(fused)[2] == pytest.approx(0.0)


def test_fusion_rejects_mismatched_weights():
    with pytest.raises(ValueError, match="2 weights for 1"):
        rrf([[1]], [1.0, 1.0])
