import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 101)
y = 2 * x + 1

plt.plot(x, y, label="y = 2x + 1")
plt.xlabel("x")
plt.ylabel("y")
plt.title("Line plot of y = 2x + 1")
plt.legend()
plt.grid(True)
plt.show()
