import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, ax = plt.subplots(1, 2, figsize=(10, 4))

ax.hist(latency_ms, bins=30)
ax.set_xlabel("Latency (ms)")
ax.set_title("Histogram")

ax.boxplot(latency_ms)
ax.set_title("Box plot")

plt.show()
