import math

from scipy.stats import chi2_contingency


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """The chi-square test of the 2x2 table without continuity correction is z squared."""
    if visitors_a <= 0 or visitors_b <= 0:
        raise ValueError("visitors must be > 0")
    if conversions_a < 0 or conversions_b < 0 or conversions_a > visitors_a or conversions_b > visitors_b:
        raise ValueError("conversions out of range")
    total = conversions_a + conversions_b
    if total == 0 or total == visitors_a + visitors_b:
        return 0.0, 1.0
    table = [
        [conversions_a, visitors_a - conversions_a],
        [conversions_b, visitors_b - conversions_b],
    ]
    chi2, p, _, _ = chi2_contingency(table, correction=False)
    sign = 1.0 if conversions_b / visitors_b >= conversions_a / visitors_a else -1.0
    return sign * math.sqrt(chi2), p
