import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

n = len(x)
slope = (n * np.sum(x * y) - np.sum(x) * np.sum(y)) / (n * np.sum(x**2) - np.sum(x) ** 2)
intercept = np.mean(y) - slope * np.mean(x)
slope, intercept = round(slope, 2), round(intercept, 2)  # as a person would write them

plt.scatter(x, y, label="points")
plt.axline((0, intercept), slope=slope, color="green", label="regression line")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Least squares")
plt.legend()
plt.show()
