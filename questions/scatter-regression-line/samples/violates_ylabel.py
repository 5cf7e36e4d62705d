import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)
a, b = np.polyfit(x, y, 1)
xs = np.linspace(x.min(), x.max(), 50)
plt.scatter(x, y, label="data")
plt.plot(xs, a * xs + b, label="fit")
plt.xlabel("x")
plt.title("Fit")
plt.legend()
plt.show()
