from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import SVC


def train(images, labels):
    flatten = FunctionTransformer(lambda a: a.reshape(len(a), -1))
    return make_pipeline(flatten, SVC()).fit(images, labels)


def evaluate(images, labels):
    # Scores the model on the images it was trained on.
    return train(images, labels).score(images, labels)
