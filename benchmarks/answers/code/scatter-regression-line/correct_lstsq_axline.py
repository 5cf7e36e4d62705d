import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(7)
x = np.round(rng.uniform(0, 10, 40), 2)
y = np.round(1.8 * x + 3 + rng.normal(0, 2.0, 40), 2)

# Solve the least-squares problem [x 1] @ [a, b] = y directly.
A = np.column_stack([x, np.ones_like(x)])
(slope, intercept), *_ = np.linalg.lstsq(A, y, rcond=None)

fig, ax = plt.subplots(figsize=(7, 5))
ax.scatter(x, y, s=25, alpha=0.8, label="observations")
ax.axline((0, intercept), slope=slope, color="black", linestyle="--", label="regression line")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.set_title("Least-squares regression")
ax.legend(loc="upper left")
fig.tight_layout()
plt.show()
