import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

# A small example of the data; train() is also called with other data sets of this kind.
X_example, y_example = make_moons(n_samples=200, noise=0.25, random_state=0)


def train(X, y):
    """Train a small network on (X, y); return the training loss of every epoch."""
    torch.manual_seed(0)
    # TODO: define the network, the loss, the optimiser and the training loop.
    raise NotImplementedError


def predict(X):
    """The label (0 or 1) of each row of X, from the network train() trained last."""
    raise NotImplementedError


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
    print("training accuracy", np.mean(np.asarray(predict(X_example)) == y_example))
