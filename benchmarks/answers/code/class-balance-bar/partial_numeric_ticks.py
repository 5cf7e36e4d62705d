import random

import matplotlib.pyplot as plt

random.seed(3)
labels = random.choices(["cat", "dog", "bird", "fish"], weights=[5, 3, 1, 2], k=200)

names = ["cat", "dog", "bird", "fish"]
counts = [labels.count(n) for n in names]

plt.bar(range(len(names)), counts)
plt.xlabel("Class index")
plt.ylabel("Number of images")
plt.title("Class counts")
plt.show()
