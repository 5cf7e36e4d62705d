import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

a, b = np.polyfit(x, y, 1)
print(f"fitted line: y = {a:.3f} x + {b:.3f}")

xs = np.linspace(x.min(), x.max(), 100)
plt.scatter(x, y, label="data points")
plt.plot(xs, a * xs + b, color="red", label=f"least-squares fit: y = {a:.2f}x + {b:.2f}")
plt.xlabel("x (feature)")
plt.ylabel("y (target)")
plt.title("Scatter plot with regression line")
plt.legend()
plt.show()
