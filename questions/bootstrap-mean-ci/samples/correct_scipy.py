import numpy as np
from scipy import stats


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    x = np.asarray(data, dtype=float)
    if x.size == 0:
        raise ValueError("data must not be empty")
    if not 0.0 < alpha < 1.0:
        raise ValueError("alpha must lie strictly between 0 and 1")
    result = stats.bootstrap(
        (x,),
        np.mean,
        n_resamples=n_boot,
        confidence_level=1 - alpha,
        method="percentile",
        random_state=np.random.default_rng(seed),
    )
    return result.confidence_interval.low, result.confidence_interval.high
