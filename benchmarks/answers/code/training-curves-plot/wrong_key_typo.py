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

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4))

ax1.plot(epochs, history["train_loss"], label="train")
ax1.plot(epochs, history["val_loss"], label="validation")
ax1.set_title("Loss")
ax1.legend()

ax2.plot(epochs, history["train_accuracy"], label="train")
ax2.plot(epochs, history["val_accuracy"], label="validation")
ax2.set_title("Accuracy")
ax2.legend()

plt.show()
