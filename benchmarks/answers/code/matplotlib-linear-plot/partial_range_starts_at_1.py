import matplotlib.pyplot as plt

x = list(range(1, 11))
y = [2 * v + 1 for v in x]

plt.plot(x, y)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
