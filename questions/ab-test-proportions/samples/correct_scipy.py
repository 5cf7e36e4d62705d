import numpy as np
from scipy import stats


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """scipy's normal distribution for the tail."""
    counts = np.array([conversions_a, conversions_b], dtype=float)
    n = np.array([visitors_a, visitors_b], dtype=float)
    if np.any(n <= 0) or np.any(counts < 0) or np.any(counts > n):
        raise ValueError(f"impossible counts: {counts} of {n}")
    pooled = counts.sum() / n.sum()
    if pooled <= 0.0 or pooled >= 1.0:
        return 0.0, 1.0
    rates = counts / n
    se = np.sqrt(pooled * (1 - pooled) * (1 / n).sum())
    z = (rates[1] - rates[0]) / se
    return float(z), float(2 * stats.norm.sf(abs(z)))
