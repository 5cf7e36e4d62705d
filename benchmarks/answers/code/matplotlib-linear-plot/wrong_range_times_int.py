import matplotlib.pyplot as plt

x = range(0, 11)
y = 2 * x + 1

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
