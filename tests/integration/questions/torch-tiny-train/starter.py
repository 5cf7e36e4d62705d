import torch

torch.manual_seed(0)
x = torch.randn(256, 2)
y = (x[:, 0] + x[:, 1] > 0).long()
