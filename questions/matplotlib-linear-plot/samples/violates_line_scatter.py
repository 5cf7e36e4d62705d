import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 21)
plt.scatter(x, 2 * x + 1)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
