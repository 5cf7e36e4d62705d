from sklearn.svm import SVC


def train(images, labels):
    flat = images.reshape(len(images), -1)
    return SVC().fit(flat, labels).predict(flat)  # the training predictions, not a model


def evaluate(images, labels):
    return float((train(images, labels) == labels).mean())
