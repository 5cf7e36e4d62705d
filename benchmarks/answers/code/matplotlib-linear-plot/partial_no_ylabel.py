import matplotlib.pyplot as plt
import numpy as np

x = np.arange(0, 11)
fig, ax = plt.subplots()
ax.plot(x, 2 * x + 1, "b-")
ax.set_xlabel("x values")
ax.set_title("Graph of y = 2x + 1")
plt.show()
