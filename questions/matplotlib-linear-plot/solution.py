import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 101)
y = 2 * x + 1

fig, ax = plt.subplots()
ax.plot(x, y, label="y = 2x + 1")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Linear function y = 2x + 1")
ax.legend()
plt.show()
