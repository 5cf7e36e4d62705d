import math


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """Two-sided pooled two-proportion z-test: return (z, p_value)."""
    # TODO: your code here
    raise NotImplementedError


if __name__ == "__main__":
    print(ab_test(200, 2400, 260, 2400))
