import matplotlib.pyplot as plt
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(256, 2)
y = (x[:, 0] + x[:, 1] > 0).long()

model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
optimiser = torch.optim.SGD(model.parameters(), lr=0.5)
loss_fn = nn.CrossEntropyLoss()
losses = []
for _ in range(60):
    optimiser.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    optimiser.step()
    losses.append(loss.item())

plt.plot(range(1, len(losses) + 1), losses)
plt.xlabel("epoch")
plt.ylabel("training loss")


def predict(points):
    with torch.no_grad():
        return model(torch.as_tensor(points, dtype=torch.float32)).argmax(dim=1).numpy()
