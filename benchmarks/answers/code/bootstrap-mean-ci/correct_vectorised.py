import numpy as np

# Response times in milliseconds of 60 requests.
rng = np.random.default_rng(2026)
latency_ms = np.round(rng.lognormal(mean=3.0, sigma=0.9, size=60), 1)


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval (low, high) for the mean of data."""
    data = np.asarray(data, dtype=float)
    if data.size == 0:
        raise ValueError("data must not be empty")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be strictly between 0 and 1")
    rng = np.random.default_rng(seed)
    resamples = rng.choice(data, size=(n_boot, data.size), replace=True)
    means = resamples.mean(axis=1)
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high)


if __name__ == "__main__":
    print(bootstrap_ci(latency_ms))
