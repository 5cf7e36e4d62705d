import sys

with open(sys.argv[1]) as handle:
    print(handle.read())
