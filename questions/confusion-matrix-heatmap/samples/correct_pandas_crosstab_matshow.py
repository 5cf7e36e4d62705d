import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

classes = ["setosa", "versicolor", "virginica"]
rng = np.random.default_rng(5)
y_true = rng.integers(0, 3, 90)
noise = rng.integers(0, 3, 90)
y_pred = np.where(rng.random(90) < 0.75, y_true, noise)


def main():
    names = np.array(classes)
    table = pd.crosstab(
        pd.Series(names[y_true], name="True species"),
        pd.Series(names[y_pred], name="Predicted species"),
    )
    fig, ax = plt.subplots()
    shown = ax.matshow(table, cmap="Greens")
    fig.colorbar(shown)
    ax.set_xticks(range(len(table.columns)), table.columns)
    ax.set_yticks(range(len(table.index)), table.index)
    ax.set_xlabel(table.columns.name)
    ax.set_ylabel(table.index.name)
    fig.suptitle("Predicted vs true species")
    fig.savefig("confusion.png")


if __name__ == "__main__":
    main()
