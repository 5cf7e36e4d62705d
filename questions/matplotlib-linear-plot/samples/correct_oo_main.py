import matplotlib

matplotlib.use("TkAgg")
import matplotlib.pyplot as plt
import numpy as np


def main():
    x = np.linspace(0, 10, 50)
    fig, ax = plt.subplots(figsize=(8, 5))
    ax.plot(x, 2 * x + 1, "r--", linewidth=2, label="y = 2x + 1")
    ax.set(xlabel="x", ylabel="y")
    fig.suptitle("A linear function")
    ax.legend()
    ax.grid(True)
    fig.savefig("linear.png")
    plt.close(fig)


if __name__ == "__main__":
    main()
