import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

# A line through the lowest and highest points is not the least-squares fit.
lo, hi = np.argmin(x), np.argmax(x)
plt.scatter(x, y)
plt.plot([x[lo], x[hi]], [y[lo], y[hi]], "r")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Data and a line")
plt.show()
