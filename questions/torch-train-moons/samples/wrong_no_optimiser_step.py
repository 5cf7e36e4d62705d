# Computes gradients but never applies them: the weights stay at their random start.
import torch
from torch import nn

model = None


def train(X, y):
    global model
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 1))
    optimiser = torch.optim.Adam(model.parameters(), lr=0.02)
    X = torch.as_tensor(X, dtype=torch.float32)
    y = torch.as_tensor(y, dtype=torch.float32)
    losses = []
    for _ in range(100):
        optimiser.zero_grad()
        loss = nn.BCEWithLogitsLoss()(model(X).squeeze(1), y)
        loss.backward()
        losses.append(loss.item())
    return losses


def predict(X):
    with torch.no_grad():
        return (model(torch.as_tensor(X, dtype=torch.float32)).squeeze(1) > 0).long().numpy()
