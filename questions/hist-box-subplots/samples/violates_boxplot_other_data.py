import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
# The box plot shows the latencies' logarithm; the histogram is right.
fig, (a, b) = plt.subplots(1, 2)
a.hist(latency_ms, bins=30)
a.set_xlabel("latency (ms)")
a.set_title("Histogram")
b.boxplot(np.log(latency_ms))
b.set_title("Box plot of log latency")
plt.show()
