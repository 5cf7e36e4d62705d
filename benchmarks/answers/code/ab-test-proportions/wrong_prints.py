import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    p_a = conversions_a / visitors_a
    p_b = conversions_b / visitors_b
    p = (conversions_a + conversions_b) / (visitors_a + visitors_b)
    se = math.sqrt(p * (1 - p) * (1 / visitors_a + 1 / visitors_b))
    z = (p_b - p_a) / se
    p_value = math.erfc(abs(z) / math.sqrt(2))
    print("z statistic:", round(z, 3))
    print("p-value:", round(p_value, 4))
    if p_value < 0.05:
        print("B is significantly different from A")


if __name__ == "__main__":
    ab_test(200, 2400, 260, 2400)
