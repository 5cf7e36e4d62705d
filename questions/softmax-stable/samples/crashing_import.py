import numpy as np

raise RuntimeError("not finished")


def softmax(x):
    return np.exp(x) / np.exp(x).sum()
