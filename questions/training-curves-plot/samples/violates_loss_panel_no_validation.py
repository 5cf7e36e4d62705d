import matplotlib.pyplot as plt
import numpy as np

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

fig, (loss_ax, acc_ax) = plt.subplots(1, 2, figsize=(10, 4))
loss_ax.plot(epochs, history["train_loss"], label="train")

loss_ax.set_title("Loss")
loss_ax.set_xlabel("epoch")
loss_ax.legend()
acc_ax.plot(epochs, history["train_acc"], label="train")
acc_ax.plot(epochs, history["val_acc"], label="validation")
acc_ax.set_title("Accuracy")
acc_ax.set_xlabel("epoch")
acc_ax.legend()
fig.tight_layout()
plt.show()
