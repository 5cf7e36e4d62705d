import numpy as np

# Response times in milliseconds of 60 requests.
rng = np.random.default_rng(2026)
latency_ms = np.round(rng.lognormal(mean=3.0, sigma=0.9, size=60), 1)


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """Percentile bootstrap confidence interval (low, high) for the mean of data."""
    values = list(data)
    n = len(values)
    if n == 0:
        raise ValueError("cannot bootstrap an empty sample")
    if alpha <= 0 or alpha >= 1:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")

    gen = np.random.default_rng(seed)
    arr = np.array(values, dtype=float)
    boot_means = np.empty(n_boot)
    for i in range(n_boot):
        idx = gen.integers(0, n, size=n)  # indices drawn with replacement
        boot_means[i] = arr[idx].mean()

    low = np.percentile(boot_means, 100 * alpha / 2)
    high = np.percentile(boot_means, 100 * (1 - alpha / 2))
    return low, high


if __name__ == "__main__":
    lo, hi = bootstrap_ci(latency_ms)
    print(f"mean = {latency_ms.mean():.1f} ms, 95% CI = ({lo:.1f}, {hi:.1f})")
