import numpy as np


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """No check of the input: alpha = 0 or 1.5 returns something instead of raising."""
    x = np.asarray(data, dtype=float)
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, max(x.size, 1), (n_boot, x.size))].mean(axis=1)
    return np.quantile(means, min(alpha / 2, 1.0)), np.quantile(means, max(1 - alpha / 2, 0.0))
