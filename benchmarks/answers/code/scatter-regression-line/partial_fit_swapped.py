import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

slope, intercept = np.polyfit(y, x, 1)

grid = np.linspace(0, 10, 50)
plt.scatter(x, y, label="samples")
plt.plot(grid, slope * grid + intercept, "g", label="fitted line")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Regression of y on x")
plt.legend()
plt.show()
