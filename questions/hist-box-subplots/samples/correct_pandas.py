import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)

df = pd.DataFrame({"latency_ms": latency_ms})
fig, (ax_hist, ax_box) = plt.subplots(1, 2)
df["latency_ms"].plot.hist(bins=30, ax=ax_hist, title="Histogram")
ax_hist.set_xlabel("latency (ms)")
df.boxplot(column="latency_ms", ax=ax_box)
ax_box.set_title("Box plot")
plt.show()
