import numpy as np

rng = np.random.default_rng(2026)
latency_ms = np.round(rng.lognormal(mean=3.0, sigma=0.9, size=60), 1)


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval (low, high) for the mean of data."""
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("data is empty")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be strictly between 0 and 1")
    generator = np.random.default_rng(seed)
    means = x[generator.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    return float(np.quantile(means, alpha / 2)), float(np.quantile(means, 1 - alpha / 2))
