import numpy as np


def softmax(x):
    """Return the softmax of x, computed in a numerically stable way."""
    # TODO: your code here
    raise NotImplementedError
