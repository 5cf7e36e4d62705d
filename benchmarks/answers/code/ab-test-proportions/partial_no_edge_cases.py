import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    p_a = conversions_a / visitors_a
    p_b = conversions_b / visitors_b
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    se = math.sqrt(p * (1 - p) * (1 / visitors_a + 1 / visitors_b))
    z = (p_b - p_a) / se
    phi = 0.5 * (1 + math.erf(abs(z) / math.sqrt(2)))
    return z, 2 * (1 - phi)


if __name__ == "__main__":
    print(ab_test(200, 2400, 260, 2400))
