import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    if visitors_a <= 0 or visitors_b <= 0:
        raise ValueError("visitors must be positive")
    for c, n in ((conversions_a, visitors_a), (conversions_b, visitors_b)):
        if c < 0 or c > n:
            raise ValueError("conversions must be between 0 and visitors")
    p_a = conversions_a / visitors_a
    p_b = conversions_b / visitors_b
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    if p == 0 or p == 1:
        return 0.0, 1.0
    se = math.sqrt(p * (1 - p) * (1 / visitors_a + 1 / visitors_b))
    z = (p_b - p_a) / se
    p_value = math.erfc(abs(z) / math.sqrt(2))
    return z, p_value


if __name__ == "__main__":
    print(ab_test(200, 2400, 260, 2400))
