import matplotlib.pyplot as plt

# Draw y = 2x + 1 for x from 0 to 10, label both axes and add a title.
