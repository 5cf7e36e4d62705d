import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

plt.figure()
plt.hist(latency_ms)
plt.xlabel("latency")
plt.figure()
plt.boxplot(latency_ms)
plt.show()
