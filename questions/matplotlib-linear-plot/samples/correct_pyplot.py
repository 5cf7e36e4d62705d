import matplotlib.pyplot as plt

xs = list(range(0, 11))
ys = [2 * x + 1 for x in xs]

plt.plot(xs, ys)
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.show()
