from math import sqrt
from statistics import NormalDist


def _check(conversions: int, visitors: int) -> None:
    if visitors <= 0:
        raise ValueError(f"visitors must be positive, got {visitors}")
    if not 0 <= conversions <= visitors:
        raise ValueError(f"conversions must be in [0, {visitors}], got {conversions}")


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    _check(conversions_a, visitors_a)
    _check(conversions_b, visitors_b)
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    if pooled in (0, 1):
        return (0.0, 1.0)
    rate_a = conversions_a / visitors_a
    rate_b = conversions_b / visitors_b
    std_err = sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    z = (rate_b - rate_a) / std_err
    p_value = 2 * (1 - NormalDist().cdf(abs(z)))
    return (z, p_value)


if __name__ == "__main__":
    z, p = ab_test(200, 2400, 260, 2400)
    print(f"z = {z:.3f}, p = {p:.4f}")
