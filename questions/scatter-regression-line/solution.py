import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

slope, intercept = np.polyfit(x, y, 1)
line_x = np.array([x.min(), x.max()])

fig, ax = plt.subplots()
ax.scatter(x, y, label="data")
fit_label = f"fit: y = {slope:.2f}x + {intercept:.2f}"
ax.plot(line_x, slope * line_x + intercept, color="tab:red", label=fit_label)
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Least-squares regression line")
ax.legend()
plt.show()
