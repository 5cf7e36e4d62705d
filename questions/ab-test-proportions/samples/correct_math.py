from math import erfc, sqrt


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    if min(visitors_a, visitors_b) <= 0:
        raise ValueError("visitors must be positive")
    if not (0 <= conversions_a <= visitors_a and 0 <= conversions_b <= visitors_b):
        raise ValueError("conversions must be between 0 and visitors")
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    if p == 0 or p == 1:
        return 0.0, 1.0
    z = (conversions_b / visitors_b - conversions_a / visitors_a) / sqrt(
        p * (1 - p) * (1 / visitors_a + 1 / visitors_b)
    )
    return z, erfc(abs(z) / sqrt(2))
