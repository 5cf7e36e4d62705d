import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
# A histogram in percent (weights), gaps between its bars, and a horizontal box plot.
fig = plt.figure(figsize=(11, 4))
left = fig.add_subplot(121)
left.hist(latency_ms, bins=30, weights=np.full(latency_ms.size, 100 / latency_ms.size), rwidth=0.9)
left.set_xlabel("latency (ms)")
left.set_ylabel("% of requests")
left.set_title("Distribution")
right = fig.add_subplot(122)
right.boxplot(latency_ms, orientation="horizontal", patch_artist=True)
right.set_title("Spread")
fig.savefig("latency.png")
