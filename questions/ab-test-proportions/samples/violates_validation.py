import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """No check of the counts: impossible ones give a number."""
    total = visitors_a + visitors_b
    p = (conversions_a + conversions_b) / total
    if p <= 0 or p >= 1:
        return 0.0, 1.0
    se = math.sqrt(p * (1 - p) * (1 / max(visitors_a, 1) + 1 / max(visitors_b, 1)))
    z = (conversions_b / max(visitors_b, 1) - conversions_a / max(visitors_a, 1)) / se
    return z, math.erfc(abs(z) / math.sqrt(2))
