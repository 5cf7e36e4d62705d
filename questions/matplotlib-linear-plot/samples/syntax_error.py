import matplotlib.pyplot as plt
plt.plot([0, 10], [1, 21]
