import matplotlib.pyplot as plt
import numpy as np

x = np.arange(0, 5.5, 0.5)
plt.plot(x, 2 * x + 1)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
