import sys

text = sys.stdin.read()
# TODO: count the words and print them, most frequent first
