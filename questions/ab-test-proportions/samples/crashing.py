from scipy.stats import two_proportion_ztest  # no such function: ImportError


def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    return two_proportion_ztest(conversions_a, visitors_a, conversions_b, visitors_b)
