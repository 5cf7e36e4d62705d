import matplotlib.pyplot as plt
import numpy as np

x = np.arange(0, 10, 0.5)
plt.plot(x, 2 * x + 1)
plt.title("Linear plot")
plt.show()
