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
    X = torch.tensor(X, dtype=torch.float32)
    y = torch.tensor(y, dtype=torch.float32).unsqueeze(1)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 1), nn.Sigmoid())
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    criterion = nn.BCELoss()
    losses = []
    for epoch in range(300):
        optimizer.zero_grad()
        loss = criterion(model(X), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(X):
    """The label (0 or 1) of each row of X, from the network train() trained last."""
    with torch.no_grad():
        probs = model(torch.tensor(X, dtype=torch.float32))
    return probs.squeeze(1).numpy()


if __name__ == "__main__":
    losses = train(X_example, y_example)
    print(f"first loss {losses[0]:.3f}, last loss {losses[-1]:.3f}")
    print("training accuracy", np.mean(np.asarray(predict(X_example)) == y_example))
