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

plt.figure(figsize=(11, 4))
for i, metric in enumerate(["loss", "acc"], start=1):
    plt.subplot(1, 2, i)
    plt.plot(epochs, history[f"train_{metric}"], "o-", markersize=3, label=f"train {metric}")
    plt.plot(epochs, history[f"val_{metric}"], "s--", markersize=3, label=f"val {metric}")
    plt.xlabel("epoch")
    plt.ylabel("accuracy" if metric == "acc" else "loss")
    plt.title("Accuracy per epoch" if metric == "acc" else "Loss per epoch")
    plt.grid(alpha=0.3)
    plt.legend()
plt.tight_layout()
plt.show()
