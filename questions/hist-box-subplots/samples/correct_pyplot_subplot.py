import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

plt.figure(figsize=(10, 4))
plt.subplot(1, 2, 1)
plt.hist(list(latency_ms), bins=30, histtype="step")
plt.title("Latency histogram")
plt.xlabel("Latency [ms]")
plt.subplot(1, 2, 2)
plt.boxplot(latency_ms, showfliers=False)
plt.title("Latency box plot")
plt.tight_layout()
plt.show()
