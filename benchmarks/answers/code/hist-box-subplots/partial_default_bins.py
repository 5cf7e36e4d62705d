import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, axes = plt.subplots(1, 2, figsize=(10, 4))

axes[0].hist(latency_ms)
axes[0].set_xlabel("Latency (ms)")
axes[0].set_title("Histogram of latency")

axes[1].boxplot(latency_ms)
axes[1].set_title("Box plot of latency")

plt.tight_layout()
plt.show()
