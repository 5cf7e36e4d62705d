import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

plt.figure(figsize=(10, 4))
plt.suptitle("Model server latency")

plt.subplot(1, 2, 1)
plt.hist(latency_ms, bins=30, alpha=0.8)
plt.xlabel("response time [ms]")
plt.title("Histogram (30 bins)")

plt.subplot(1, 2, 2)
plt.boxplot(latency_ms, vert=False)
plt.xlabel("response time [ms]")
plt.title("Box plot")

plt.show()
