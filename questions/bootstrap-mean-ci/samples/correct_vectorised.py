import numpy as np


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    data = np.asarray(data, dtype=float)
    if len(data) == 0 or not (0 < alpha < 1):
        raise ValueError("need data and 0 < alpha < 1")
    rng = np.random.default_rng(seed)
    samples = rng.choice(data, size=(n_boot, len(data)), replace=True)
    means = samples.mean(axis=1)
    low, high = np.percentile(means, [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return low, high
