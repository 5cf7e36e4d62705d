def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    """The starter's interval, computed once and typed in."""
    return (24.9, 37.1)
