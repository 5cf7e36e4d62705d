import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, (left, right) = plt.subplots(1, 2)
left.hist(latency_ms, bins=30)
left.set_title("Histogram")
left.set_xlabel("ms")
right.boxplot(latency_ms)
right.set_title("Box plot")
fig.savefig("/nonexistent/latency.png")
