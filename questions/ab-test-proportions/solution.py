import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    for conversions, visitors in ((conversions_a, visitors_a), (conversions_b, visitors_b)):
        if visitors <= 0:
            raise ValueError("the number of visitors must be positive")
        if not 0 <= conversions <= visitors:
            raise ValueError("conversions must lie between 0 and the number of visitors")
    pooled = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    if pooled in (0.0, 1.0):
        return 0.0, 1.0
    se = math.sqrt(pooled * (1 - pooled) * (1 / visitors_a + 1 / visitors_b))
    z = (conversions_b / visitors_b - conversions_a / visitors_a) / se
    return z, math.erfc(abs(z) / math.sqrt(2))
