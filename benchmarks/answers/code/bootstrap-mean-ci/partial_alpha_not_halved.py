import numpy as np

# Response times in milliseconds of 60 requests.
rng = np.random.default_rng(2026)
latency_ms = np.round(rng.lognormal(mean=3.0, sigma=0.9, size=60), 1)


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval (low, high) for the mean of data."""
    data = np.asarray(data, dtype=float)
    if len(data) == 0:
        raise ValueError("empty data")
    if not 0 < alpha < 1:
        raise ValueError("alpha must be between 0 and 1")
    rng = np.random.default_rng(seed)
    means = rng.choice(data, size=(n_boot, len(data))).mean(axis=1)
    return np.quantile(means, alpha), np.quantile(means, 1 - alpha)


if __name__ == "__main__":
    print(bootstrap_ci(latency_ms))
