import numpy as np


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Always a 95 % interval, whatever alpha says."""
    x = np.asarray(data, dtype=float)
    if x.size == 0 or not 0 < alpha < 1:
        raise ValueError("bad input")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, (n_boot, x.size))].mean(axis=1)
    return tuple(np.quantile(means, [0.025, 0.975]))
