import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

# One figure, two subplots side by side: a 30-bin histogram and a box plot of latency_ms.
