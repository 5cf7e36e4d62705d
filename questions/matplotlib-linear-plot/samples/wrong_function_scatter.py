import matplotlib.pyplot as plt

x = range(11)
plt.scatter(x, [3 * v for v in x])
plt.xlabel("x")
plt.ylabel("y")
plt.title("Not quite")
plt.show()
