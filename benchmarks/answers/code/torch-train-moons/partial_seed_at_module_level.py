import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

# A small example of the data; train() is also called with other data sets of this kind.
X_example, y_example = make_moons(n_samples=200, noise=0.25, random_state=0)

torch.manual_seed(0)

net = None


def train(X, y):
    """Train a small network on (X, y); return the training loss of every epoch."""
    global net
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.long)
    net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 2))
    opt = torch.optim.Adam(net.parameters(), lr=0.02)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(400):
        opt.zero_grad()
        loss = loss_fn(net(X), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def predict(X):
    """The label (0 or 1) of each row of X, from the network train() trained last."""
    with torch.no_grad():
        return net(torch.tensor(X, dtype=torch.float32)).argmax(1).numpy()


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
    print("training accuracy", np.mean(np.asarray(predict(X_example)) == y_example))
