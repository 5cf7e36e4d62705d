import numpy as np
import torch
from sklearn.datasets import make_moons
from torch import nn

# A small example of the data; train() is also called with other data sets of this kind.
X_example, y_example = make_moons(n_samples=200, noise=0.25, random_state=0)

model = None


def train(X, y):
    """Train a small network on (X, y); return the training loss of every epoch."""
    global model
    torch.manual_seed(0)
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.long)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 2))
    optimiser = torch.optim.Adam(model.parameters(), lr=0.02, weight_decay=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    losses = []
    for epoch in range(250):  # full-batch epochs
        optimiser.zero_grad()
        loss = loss_fn(model(X), y)
        loss.backward()
        optimiser.step()
        losses.append(loss.item())
    return losses


def predict(X):
    """The label (0 or 1) of each row of X, from the network train() trained last."""
    model.eval()
    with torch.no_grad():
        logits = model(torch.as_tensor(X, dtype=torch.float32))
    return logits.argmax(dim=1).numpy()


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
    print("training accuracy", np.mean(np.asarray(predict(X_example)) == y_example))
