import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)


def main():
    fit = stats.linregress(x, y)
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.plot(x, y, "o", alpha=0.7, label="data")
    ax.axline((0, fit.intercept), slope=fit.slope, color="black", label="regression line")
    ax.set(xlabel="x", ylabel="y", title=f"r = {fit.rvalue:.2f}")
    ax.legend(loc="upper left")
    fig.savefig("regression.png")


if __name__ == "__main__":
    main()
