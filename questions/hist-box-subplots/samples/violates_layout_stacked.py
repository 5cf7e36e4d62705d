import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
# Two subplots of one figure, stacked vertically instead of side by side.
fig, (top, bottom) = plt.subplots(2, 1)
top.hist(latency_ms, bins=30)
top.set_xlabel("latency (ms)")
top.set_title("Histogram")
bottom.boxplot(latency_ms, vert=False)
bottom.set_title("Box plot")
plt.show()
