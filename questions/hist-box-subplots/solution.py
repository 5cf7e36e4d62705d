import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.hist(latency_ms, bins=30, color="tab:blue", edgecolor="white")
left.set_xlabel("latency (ms)")
left.set_ylabel("requests")
left.set_title("Distribution of latency")
right.boxplot(latency_ms)
right.set_ylabel("latency (ms)")
right.set_title("Box plot of latency")
fig.tight_layout()
plt.show()
