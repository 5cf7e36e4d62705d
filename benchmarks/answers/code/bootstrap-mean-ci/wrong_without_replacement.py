import numpy as np

# Response times in milliseconds of 60 requests.
rng = np.random.default_rng(2026)
latency_ms = np.round(rng.lognormal(mean=3.0, sigma=0.9, size=60), 1)


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval (low, high) for the mean of data."""
    data = np.asarray(data, dtype=float)
    rng = np.random.default_rng(seed)
    means = []
    for _ in range(n_boot):
        sample = rng.choice(data, size=len(data), replace=False)
        means.append(sample.mean())
    return np.quantile(means, alpha / 2), np.quantile(means, 1 - alpha / 2)


if __name__ == "__main__":
    print(bootstrap_ci(latency_ms))
