from typing import Sequence

import numpy as np


def mean_normalise(values: Sequence[float]) -> list[float]:
    """Rescale values to (x - mean) / (max - min); a new list of floats."""
    arr = np.array(values, dtype=float)  # np.array copies, so the input is never modified
    if arr.size == 0:
        raise ValueError("empty input")
    spread = arr.max() - arr.min()
    if spread == 0:
        return [0.0] * arr.size
    return ((arr - arr.mean()) / spread).tolist()


if __name__ == "__main__":
    print(mean_normalise([1, 2, 3, 4]))
    print(mean_normalise((5, 5, 5)))
