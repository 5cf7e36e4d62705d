# Keras is not installed in the runner image.
from tensorflow import keras

model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])


def train(X, y):
    return model.fit(X, y, epochs=50).history["loss"]


def predict(X):
    return (model.predict(X) > 0).astype(int)
