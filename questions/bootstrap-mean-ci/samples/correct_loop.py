import random
import statistics

import numpy as np


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """A plain loop over resamples, the quantiles read off the sorted means."""
    data = list(data)
    if not data:
        raise ValueError("empty data")
    if alpha <= 0 or alpha >= 1:
        raise ValueError("alpha must be in (0, 1)")
    rng = np.random.default_rng(seed)
    n = len(data)
    means = []
    for _ in range(n_boot):
        picks = rng.integers(0, n, size=n)
        means.append(sum(data[i] for i in picks) / n)
    means.sort()
    lo = means[int((alpha / 2) * (n_boot - 1))]
    hi = means[int((1 - alpha / 2) * (n_boot - 1))]
    return (lo, hi)
