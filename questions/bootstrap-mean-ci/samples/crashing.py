import numpy as np

latency_ms = np.asarray(latency)  # NameError: nothing is defined


def bootstrap_ci(data, n_boot=10000, alpha=0.05, seed=0):
    return 0, 1
