import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(6, 8))

ax1.hist(latency_ms, bins=30)
ax1.set_xlabel("Latency (ms)")
ax1.set_title("Latency histogram")

ax2.boxplot(latency_ms, vert=False)
ax2.set_title("Latency box plot")

fig.tight_layout()
plt.show()
