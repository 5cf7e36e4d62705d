import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

# A small example of the data; train() is also called with other data sets of this kind.
X_example, y_example = make_moons(n_samples=200, noise=0.25, random_state=0)

from torch.utils.data import DataLoader, TensorDataset


class MoonNet(nn.Module):
    """Two hidden layers of 16 tanh units and one logit."""

    def __init__(self, hidden: int = 16):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(2, hidden), nn.Tanh(),
            nn.Linear(hidden, hidden), nn.Tanh(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.layers(x).squeeze(-1)


_net: MoonNet | None = None


def train(X, y, epochs: int = 100, batch_size: int = 32) -> list[float]:
    """Train a small network on (X, y); return the training loss of every epoch."""
    global _net
    torch.manual_seed(0)
    data = TensorDataset(torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.float32))
    loader = DataLoader(data, batch_size=batch_size, shuffle=True)
    _net = MoonNet()
    opt = torch.optim.Adam(_net.parameters(), lr=0.01)
    criterion = nn.BCEWithLogitsLoss()
    history = []
    for _ in range(epochs):
        _net.train()
        batch_losses = []
        for xb, yb in loader:
            opt.zero_grad()
            loss = criterion(_net(xb), yb)
            loss.backward()
            opt.step()
            batch_losses.append(loss.item())
        history.append(float(np.mean(batch_losses)))
    return history


def predict(X):
    """The label (0 or 1) of each row of X, from the network train() trained last."""
    _net.eval()
    with torch.no_grad():
        logits = _net(torch.tensor(np.asarray(X), dtype=torch.float32))
    return (logits > 0).long().numpy()


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
    print("training accuracy", np.mean(np.asarray(predict(X_example)) == y_example))
