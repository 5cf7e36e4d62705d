import matplotlib.pyplot as plt
import numpy as np

# The history of a training run: one value per epoch, for the training and validation sets.
rng = np.random.default_rng(12)
epochs = np.arange(1, 31)
train_loss = np.round(1.6 * np.exp(-epochs / 7) + 0.12 + rng.normal(0, 0.01, 30), 4)
val_loss = np.round(1.6 * np.exp(-epochs / 8) + 0.25 + 0.004 * epochs + rng.normal(0, 0.02, 30), 4)
train_acc = np.round(0.97 - 0.55 * np.exp(-epochs / 6) + rng.normal(0, 0.004, 30), 4)
val_acc = np.round(0.91 - 0.5 * np.exp(-epochs / 6) + rng.normal(0, 0.008, 30), 4)
history = {
    "train_loss": train_loss,
    "val_loss": val_loss,
    "train_acc": train_acc,
    "val_acc": val_acc,
}

plt.figure(figsize=(10, 4))
plt.subplot(1, 2, 1)
plt.plot(epochs, train_loss, "b-", label="train loss")
plt.plot(epochs, val_loss, "r--", label="validation loss")
plt.xlabel("epoch")
plt.legend()
plt.subplot(1, 2, 2)
plt.plot(epochs, train_acc, "b-", label="train accuracy")
plt.plot(epochs, val_acc, "r--", label="validation accuracy")
plt.legend(loc="lower right")
plt.show()
