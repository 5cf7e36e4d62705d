import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

plt.scatter(x, y, label="points")
a, b = np.polyfit(x, y)
plt.plot(x, a * x + b, label="fit")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Regression")
plt.legend()
plt.show()
