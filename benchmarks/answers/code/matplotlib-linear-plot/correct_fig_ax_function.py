import matplotlib.pyplot as plt


def f(x: float) -> float:
    return 2 * x + 1


def draw() -> None:
    xs = list(range(0, 11))
    ys = [f(x) for x in xs]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(xs, ys, color="tab:green", marker="o")
    ax.set_xlabel("x")
    ax.set_ylabel("f(x) = 2x + 1")
    ax.set_title("The linear function y = 2x + 1")
    fig.savefig("linear_plot.png")
    plt.show()


draw()
