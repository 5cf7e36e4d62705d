import matplotlib.pyplot as plt

x = [0, 10]
plt.plot(x, [1, 21])
plt.xlabel("x")
plt.ylabel("y")
plt.title("y = 2x + 1")
plt.savefig(undefined_name)
