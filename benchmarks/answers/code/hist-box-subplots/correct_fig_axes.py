import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, (ax_hist, ax_box) = plt.subplots(1, 2, figsize=(11, 4))

ax_hist.hist(latency_ms, bins=30, color="tab:blue", edgecolor="white")
ax_hist.set_xlabel("Latency (ms)")
ax_hist.set_ylabel("Number of requests")
ax_hist.set_title("Latency distribution")

ax_box.boxplot(latency_ms)
ax_box.set_ylabel("Latency (ms)")
ax_box.set_title("Latency box plot")

fig.tight_layout()
plt.show()
