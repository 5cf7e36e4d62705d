import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

fig, axs = plt.subplots(ncols=2, figsize=(11, 4))
axs[0].hist(latency_ms, bins=30, density=True, alpha=0.8)
axs[0].set(title="Histogram", xlabel="ms", ylabel="density")
axs[1].boxplot(latency_ms, vert=False, patch_artist=True)
axs[1].set(title="Box plot", xlabel="ms")
fig.suptitle("Latency")
plt.show()
