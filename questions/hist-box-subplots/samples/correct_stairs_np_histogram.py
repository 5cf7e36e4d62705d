import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
latency_ms = np.round(rng.lognormal(mean=5.0, sigma=0.4, size=500), 1)
import pandas as pd

# np.histogram drawn with stairs, and pandas' box plot, on axes from subplot_mosaic.
counts, edges = np.histogram(latency_ms, bins=30)
fig, axes = plt.subplot_mosaic([["hist", "box"]], figsize=(10, 4))
axes["hist"].stairs(counts, edges, fill=True)
axes["hist"].set(xlabel="ms", title="Latency histogram")
pd.Series(latency_ms, name="latency_ms").plot.box(ax=axes["box"], title="Latency box plot")
plt.show()
