# Built point by point with a loop, drawn in red with markers, saved and not shown.
import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt

xs, ys = [], []
x = 0.0
while x <= 10.0 + 1e-9:
    xs.append(x)
    ys.append(2 * x + 1)
    x += 0.25
figure = plt.figure(figsize=(6, 4))
axes = figure.add_axes([0.1, 0.1, 0.8, 0.8])
axes.plot(xs, ys, color="red", marker=".", linestyle="--")
axes.set(xlabel="x", ylabel="2x + 1")
figure.suptitle("A linear function")
figure.savefig("plot.png")
