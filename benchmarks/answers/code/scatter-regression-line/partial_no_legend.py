import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

coef = np.polyfit(x, y, 1)
line = np.poly1d(coef)
order = np.argsort(x)

fig, ax = plt.subplots()
ax.scatter(x, y)
ax.plot(x[order], line(x[order]), "r-")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Linear regression fit")
plt.show()
