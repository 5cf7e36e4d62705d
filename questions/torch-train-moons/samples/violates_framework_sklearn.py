# scikit-learn's MLPClassifier: it learns the moons, but not with PyTorch.
import numpy as np
from sklearn.neural_network import MLPClassifier

model = None


def train(X, y):
    global model
    model = MLPClassifier(hidden_layer_sizes=(32, 32), max_iter=300, random_state=0)
    model.fit(X, y)
    return list(model.loss_curve_)


def predict(X):
    return model.predict(X)
