import matplotlib.pyplot as plt
import numpy as np

fig, ax = plt.subplots()
x = np.linspace(0, 10, 11)
ax.plot(x, 2 * x + 1, "o-")
ax.set_xlabel("x")
ax.set_title("A straight line")
fig.savefig("line.png")
