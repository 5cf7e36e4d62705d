import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.linear_model import LinearRegression

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

df = pd.DataFrame({"x": x, "y": y})
model = LinearRegression().fit(df[["x"]], df["y"])
df = df.sort_values("x")
df["fit"] = model.predict(df[["x"]])

ax = df.plot.scatter(x="x", y="y", label="points")
df.plot(x="x", y="fit", ax=ax, color="orange", label="fitted line")
ax.set_title("y against x")
plt.show()
