import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

X_example, y_example = make_moons(n_samples=200, noise=0.25, random_state=0)

model = None


def train(X, y):
    """Full-batch Adam on a two-hidden-layer network; one loss per epoch."""
    global model
    torch.manual_seed(0)
    inputs = torch.as_tensor(np.asarray(X), dtype=torch.float32)
    targets = torch.as_tensor(np.asarray(y), dtype=torch.float32)
    model = nn.Sequential(
        nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1)
    )
    optimiser = torch.optim.Adam(model.parameters(), lr=0.02)
    loss_fn = nn.BCEWithLogitsLoss()
    losses = []
    for _ in range(200):
        optimiser.zero_grad()
        loss = loss_fn(model(inputs).squeeze(1), targets)
        loss.backward()
        optimiser.step()
        losses.append(loss.item())
    return losses


def predict(X):
    with torch.no_grad():
        logits = model(torch.as_tensor(np.asarray(X), dtype=torch.float32)).squeeze(1)
    return (logits > 0).long().numpy()


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
