import matplotlib.pyplot as plt
import numpy as np

x = np.linspace(0, 10, 50)
plt.plot(x, 2 * x)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
