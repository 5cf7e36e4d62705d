import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
seconds = latency_ms / 1000

fig, (a, b) = plt.subplots(1, 2)
a.hist(seconds, bins=30)
a.set_title("hist")
b.boxplot(seconds)
b.set_title("box")
plt.show()
